package com.fashionos.events.team;

import com.fashionos.events.event.EventRoutes;
import com.fashionos.events.profile.Profiles;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/events/{id}/team}: who works on an event, managed by its lead. */
public final class TeamRoutes {
  private final Database database;
  private final TeamRepository team = new TeamRepository();

  public TeamRoutes(Database database) {
    this.database = database;
  }

  public void mount(Router router) {
    router.get("/api/v1/events/:id/team").handler(this::list);
    router.post("/api/v1/events/:id/team").handler(this::add);
    router.put("/api/v1/events/:id/team/:userId").handler(this::change);
    router.delete("/api/v1/events/:id/team/:userId").handler(this::remove);
  }

  private void list(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> EventRoutes.visibleEvent(conn, eventId)
        .compose(found -> team.list(conn, eventId))
        .map(members -> ApiResponse.ok(new JsonObject().put("team", members)))));
  }

  private void add(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    RequestBody body = RequestBody.of(ctx);
    TeamMemberRequest request = TeamMemberRequest.read(body);
    body.validate();
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> EventRoutes.ledEvent(tx.sql(), eventId)
        .compose(found -> resolve(tx, request))
        .compose(userId -> team.add(tx.sql(), eventId, userId, request.role(), request.permissions()))
        .compose(row -> tx.publishRowChange(eventId, "event_team", Operation.INSERT, row, null)
            .compose(v -> team.member(tx.sql(), eventId, UUID.fromString(row.getString("user_id")))))
        .map(member -> new ApiResponse(201, new JsonObject().put("member", member)))));
  }

  private Future<UUID> resolve(Transaction tx, TeamMemberRequest request) {
    if (request.userId() == null) return Profiles.byEmailOrInvite(tx, request.email());
    return team.userExists(tx.sql(), request.userId())
        .map(exists -> {
          if (!exists) {
            throw ApiException.unprocessable("reference_invalid", "No user with this id",
                List.of(new ApiException.FieldIssue("user_id", "no user with this id")));
          }
          return request.userId();
        });
  }

  private void change(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    UUID userId = QueryParams.pathUuid(ctx, "userId");
    RequestBody body = RequestBody.of(ctx);
    TeamRole role = body.enumValue("role", TeamRole.class, false);
    TeamPermission permissions = body.enumValue("permissions", TeamPermission.class, false);
    if (role == null && permissions == null && !body.hasIssues()) body.fail("role", "give role and/or permissions");
    body.validate();
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> EventRoutes.ledEvent(tx.sql(), eventId)
        .compose(found -> team.find(tx.sql(), eventId, userId))
        .compose(before -> {
          if (before == null) throw ApiException.notFound("Team member");
          return team.change(tx.sql(), eventId, userId, role, permissions)
              .compose(after -> tx.publishRowChange(eventId, "event_team", Operation.UPDATE, after, before));
        })
        .compose(v -> team.member(tx.sql(), eventId, userId))
        .map(member -> ApiResponse.ok(new JsonObject().put("member", member)))));
  }

  /** The lead removes anyone; anyone may leave. The last event lead stays (409). */
  private void remove(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    UUID userId = QueryParams.pathUuid(ctx, "userId");
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> EventRoutes.visibleEvent(tx.sql(), eventId)
        .compose(found -> {
          if (!found.canManage() && !userId.equals(tx.principal().userId())) {
            throw ApiException.forbidden("Only the event lead can remove teammates");
          }
          return team.remove(tx.sql(), eventId, userId);
        })
        .compose(removed -> {
          if (removed == null) throw ApiException.notFound("Team member");
          return tx.publishRowChange(eventId, "event_team", Operation.DELETE, null, removed);
        })
        .map(v -> ApiResponse.ok(new JsonObject().put("success", true)))));
  }
}
