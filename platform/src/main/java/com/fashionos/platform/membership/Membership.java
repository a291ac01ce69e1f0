package com.fashionos.platform.membership;

import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.Uuids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Whether the caller is on an event's team, from the read model. Someone who has just created
 * an event (or joined one) may ask before the change record arrived: on a miss the service asks
 * events-service once, with the caller's own token ({@code GET /api/v1/events/{id}}: it answers
 * only what the caller may see), and seeds the read model from the answer. No spurious 404.
 */
public final class Membership {
  private final Database database;
  private final WebClient client;
  private final String eventsServiceUrl;

  public Membership(Database database, WebClient client, String eventsServiceUrl) {
    this.database = database;
    this.client = client;
    this.eventsServiceUrl = eventsServiceUrl;
  }

  public Future<Boolean> isMember(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(EventMembershipReadModel.SQL.get("is_member")).execute(Tuple.of(eventId))
        .map(rows -> rows.iterator().next().getBoolean("member"));
  }

  /** 404 for a caller who is not on the event's team: someone else's event looks like a missing one. */
  public Future<Void> visible(SqlConnection conn, UUID eventId) {
    return isMember(conn, eventId).map(member -> {
      if (!member) throw ApiException.notFound("Event");
      return null;
    });
  }

  /** Route handler: makes sure the read model knows the caller's membership of the path's event. */
  public void ensureKnown(RoutingContext ctx) {
    UUID eventId = Uuids.parse(ctx.pathParam("eventId"));
    if (eventId == null) {
      ctx.next(); // the route answers 400 for the bad id
      return;
    }
    database.read(Authentication.principal(ctx), conn -> conn.preparedQuery(EventMembershipReadModel.SQL.get("has_membership"))
            .execute(Tuple.of(eventId)).map(rows -> rows.iterator().next().getBoolean("member")))
        .compose(member -> member ? Future.succeededFuture()
            // events-service unreachable: answer from what we know (a 404 at worst, never a 5xx).
            : askEventsService(ctx, eventId).otherwiseEmpty())
        .onSuccess(v -> ctx.next())
        .onFailure(ctx::fail);
  }

  private Future<Void> askEventsService(RoutingContext ctx, UUID eventId) {
    return client.getAbs(eventsServiceUrl + "/api/v1/events/" + eventId)
        .putHeader("Authorization", ctx.request().getHeader("Authorization"))
        .timeout(5_000)
        .send()
        .compose(response -> {
          if (response.statusCode() != 200) return Future.succeededFuture();
          JsonObject event = response.bodyAsJsonObject().getJsonObject("event");
          return database.internal(Mutation.internal(Authentication.principal(ctx)),
              tx -> EventMembershipReadModel.seed(tx.sql(), event));
        });
  }
}
