package com.fashionos.platform.membership;

import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.auth.Principal;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.Uuids;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;

/**
 * Whether the caller is on an event's team, and whether the event takes changes (not archived),
 * from the read model. Someone who has just created an event (or joined one) may ask before the
 * change record arrived: on a miss the service asks events-service once, with the caller's own
 * token ({@code GET /api/v1/events/{id}}: it answers only what the caller may see), and seeds the
 * read model from the answer. No spurious 404.
 */
public final class Membership {
  private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
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

  /**
   * Route handler for every route under an event: makes sure the read model knows the caller's
   * membership of the path's event, and refuses any change (POST, PUT, PATCH, DELETE) to an
   * archived event with 409 {@code event_archived}: archived means read-only in every service
   * until it is restored. A streamed upload is refused before a byte of its body is read. The
   * status comes from the read model (eventually consistent: an archive is seen here milliseconds
   * after events-service committed it); callers who may not see the event pass on to their 404.
   */
  public void ensureKnown(RoutingContext ctx) {
    UUID eventId = Uuids.parse(ctx.pathParam("eventId"));
    if (eventId == null) {
      ctx.next(); // the route answers 400 for the bad id
      return;
    }
    boolean change = CHANGES.contains(ctx.request().method());
    Principal principal = Authentication.principal(ctx);
    database.read(principal, conn -> conn.preparedQuery(EventMembershipReadModel.SQL.get("has_membership"))
            .execute(Tuple.of(eventId)).map(rows -> rows.iterator().next()))
        .compose(known -> known.getBoolean("member") ? Future.succeededFuture(known.getBoolean("archived"))
            // events-service unreachable: answer from what we know (a 404 at worst, never a 5xx).
            : askEventsService(ctx, eventId).otherwiseEmpty()
                .compose(v -> change ? database.read(principal, conn -> archived(conn, eventId)) : Future.succeededFuture(false)))
        .onSuccess(archived -> {
          if (change && archived) ctx.fail(ApiException.eventArchived());
          else ctx.next();
        })
        .onFailure(ctx::fail);
  }

  private static Future<Boolean> archived(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(EventMembershipReadModel.SQL.get("is_archived")).execute(Tuple.of(eventId))
        .map(rows -> rows.iterator().next().getBoolean("archived"));
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
