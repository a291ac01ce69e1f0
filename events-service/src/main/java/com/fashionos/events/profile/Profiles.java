package com.fashionos.events.profile;

import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.auth.Principal;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.Transaction;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user directory. Each person's profile follows their token's claims (name, e-mail,
 * avatar). An address alone never makes anyone a member: people added by e-mail are invited
 * (see {@link com.fashionos.events.team.Invitations}).
 */
public final class Profiles {
  private static final NamedStatements SQL = NamedStatements.forClass(Profiles.class);
  private final Database database;
  /** Claims last written per user, so a request writes only when something changed. */
  private final Map<UUID, Principal> synced = new ConcurrentHashMap<>();

  public Profiles(Database database) {
    this.database = database;
  }

  /** Before every request: make sure the caller's profile exists and is current. */
  public Handler<RoutingContext> syncHandler() {
    return ctx -> {
      Principal principal = Authentication.principal(ctx);
      if (principal.equals(synced.get(principal.userId()))) {
        ctx.next();
        return;
      }
      sync(principal).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
    };
  }

  Future<Void> sync(Principal principal) {
    return database.internal(Mutation.internal(principal), tx -> upsert(tx, principal, principal.email()))
        .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
            // Another profile already has this e-mail: keep this one without it rather than fail.
            ? database.internal(Mutation.internal(principal), tx -> upsert(tx, principal, null))
            : Future.failedFuture(e))
        .onSuccess(v -> synced.put(principal.userId(), principal));
  }

  private Future<Void> upsert(Transaction tx, Principal principal, String email) {
    return tx.sql().preparedQuery(SQL.get("sync")).execute(Tuple.from(Arrays.asList(
            principal.userId(), email, principal.fullName(), principal.avatarUrl())))
        .compose(rows -> {
          if (rows.rowCount() == 0) return Future.succeededFuture();
          Row row = rows.iterator().next();
          return tx.publishRowChange(null, "profiles", row.getBoolean("inserted") ? Operation.INSERT : Operation.UPDATE,
              (JsonObject) row.getValue("row"), null);
        });
  }
}
