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
 * avatar); someone invited by e-mail has a pending profile until they sign up.
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
    return database.internal(Mutation.internal(principal), tx -> linkInvitation(tx, principal)
            .compose(v -> upsert(tx, principal, principal.email())))
        .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
            // Another profile already has this e-mail: keep this one without it rather than fail.
            ? database.internal(Mutation.internal(principal), tx -> upsert(tx, principal, null))
            : Future.failedFuture(e))
        .onSuccess(v -> synced.put(principal.userId(), principal));
  }

  private Future<Void> linkInvitation(Transaction tx, Principal principal) {
    if (principal.email() == null) return Future.succeededFuture();
    return tx.sql().preparedQuery(SQL.get("link_pending")).execute(Tuple.of(principal.userId(), principal.email()))
        .compose(linked -> {
          if (linked.rowCount() == 0) return Future.succeededFuture();
          UUID pendingId = linked.iterator().next().getUUID("pending_id");
          return tx.sql().preparedQuery(SQL.get("memberships_of")).execute(Tuple.of(principal.userId()))
              .compose(rows -> {
                Future<Void> chain = Future.succeededFuture();
                for (Row row : rows) {
                  JsonObject membership = (JsonObject) row.getValue("row");
                  JsonObject before = membership.copy().put("user_id", pendingId.toString());
                  UUID eventId = UUID.fromString(membership.getString("event_id"));
                  chain = chain.compose(v -> tx.publishRowChange(eventId, "event_team", Operation.UPDATE,
                      membership, before));
                }
                return chain;
              });
        });
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

  /** The user id of the person with this e-mail, inviting them (pending profile) if unknown. */
  public static Future<UUID> byEmailOrInvite(Transaction tx, String email) {
    return tx.sql().preparedQuery(SQL.get("find_by_email")).execute(Tuple.of(email)).compose(rows -> {
      if (rows.rowCount() > 0) return Future.succeededFuture(rows.iterator().next().getUUID("id"));
      return tx.sql().preparedQuery(SQL.get("invite")).execute(Tuple.of(email)).compose(invited -> {
        JsonObject row = (JsonObject) invited.iterator().next().getValue("row");
        return tx.publishRowChange(null, "profiles", Operation.INSERT, row, null)
            .map(UUID.fromString(row.getString("id")));
      });
    });
  }
}
