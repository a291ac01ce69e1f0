package com.fashionos.events.team;

import com.fashionos.events.EventsChangeRecords;
import com.fashionos.events.event.EventRoutes;
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

/**
 * {@code /api/v1/events/{id}/team}: who works on an event, managed by its lead; people added by
 * e-mail are invited ({@code …/invitations}) and join by accepting ({@code /api/v1/invitations}).
 */
public final class TeamRoutes {
  private static final TeamRepository team = new TeamRepository();
  private final Database database;
  private final Invitations invitations;

  public TeamRoutes(Database database, Invitations invitations) {
    this.database = database;
    this.invitations = invitations;
  }

  public void mount(Router router) {
    router.get("/api/v1/events/:id/team").handler(this::list);
    router.post("/api/v1/events/:id/team").handler(this::add);
    router.put("/api/v1/events/:id/team/:userId").handler(this::change);
    router.delete("/api/v1/events/:id/team/:userId").handler(this::remove);
    router.get("/api/v1/events/:id/invitations").handler(this::listInvitations);
    router.delete("/api/v1/events/:id/invitations/:invitationId").handler(this::revokeInvitation);
    router.post("/api/v1/invitations/accept").handler(this::accept);
  }

  private void list(RoutingContext ctx) {
    QueryParams.accept(ctx);
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> EventRoutes.visibleEvent(conn, eventId)
        .compose(found -> team.list(conn, eventId))
        .map(members -> ApiResponse.ok(new JsonObject().put("team", members)))));
  }

  /** By user id: a member at once. By e-mail: an invitation, whose token only this answer carries. */
  private void add(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    RequestBody body = RequestBody.of(ctx);
    TeamMemberRequest request = TeamMemberRequest.read(body);
    body.validate();
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> EventRoutes.ledEvent(tx.sql(), eventId)
        .map(EventRoutes::unarchived)
        .compose(found -> request.userId() == null ? invite(tx, eventId, request) : addMember(tx, eventId, request))));
  }

  private Future<ApiResponse> invite(Transaction tx, UUID eventId, TeamMemberRequest request) {
    return invitations.invite(tx, eventId, request).map(invitation -> {
      if (invitation == null) {
        throw new ApiException(409, "already_exists", "Someone with this address is on the team already",
            List.of(new ApiException.FieldIssue("email", "is a team member's already")));
      }
      return new ApiResponse(201, new JsonObject().put("invitation", invitation));
    });
  }

  private Future<ApiResponse> addMember(Transaction tx, UUID eventId, TeamMemberRequest request) {
    return team.userExists(tx.sql(), request.userId())
        .compose(exists -> {
          if (!exists) {
            throw ApiException.unprocessable("reference_invalid", "No user with this id",
                List.of(new ApiException.FieldIssue("user_id", "no user with this id")));
          }
          return team.add(tx.sql(), eventId, request.userId(), request.role(), request.permissions());
        })
        .compose(row -> tx.publishRowChange(eventId, "event_team", Operation.INSERT, row, null))
        .compose(v -> publishMember(tx, eventId, request.userId(), null))
        .map(member -> new ApiResponse(201, new JsonObject().put("member", member)));
  }

  /**
   * Publishes a membership as the team GET shows it now, after its row's record; {@code before}:
   * as it showed it before, null for someone who just joined. Answers the member as shown now.
   */
  public static Future<JsonObject> publishMember(Transaction tx, UUID eventId, UUID userId, JsonObject before) {
    return team.member(tx.sql(), eventId, userId).compose(member ->
        tx.publishResourceChange(eventId, EventsChangeRecords.TEAM_MEMBER, member, before, false).map(member));
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
        .map(EventRoutes::unarchived)
        .compose(found -> team.find(tx.sql(), eventId, userId))
        .compose(before -> {
          if (before == null) throw ApiException.notFound("Team member");
          return team.member(tx.sql(), eventId, userId).compose(shown -> team.change(tx.sql(), eventId, userId, role, permissions)
              .compose(after -> tx.publishRowChange(eventId, "event_team", Operation.UPDATE, after, before))
              .compose(v -> publishMember(tx, eventId, userId, shown)));
        })
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
          EventRoutes.unarchived(found);
          return team.member(tx.sql(), eventId, userId);
        })
        .compose(shown -> team.remove(tx.sql(), eventId, userId).compose(removed -> {
          if (removed == null) throw ApiException.notFound("Team member");
          return tx.publishRowChange(eventId, "event_team", Operation.DELETE, null, removed)
              .compose(v -> tx.publishResourceChange(eventId, EventsChangeRecords.TEAM_MEMBER, null, shown, false));
        }))
        .map(v -> ApiResponse.ok(new JsonObject().put("success", true)))));
  }

  /** The lead's view of who is invited and not yet in: open invitations, without tokens. */
  private void listInvitations(RoutingContext ctx) {
    QueryParams.accept(ctx);
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> EventRoutes.ledEvent(conn, eventId)
        .compose(found -> invitations.list(conn, eventId))
        .map(list -> ApiResponse.ok(new JsonObject().put("invitations", list)))));
  }

  private void revokeInvitation(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    UUID invitationId = QueryParams.pathUuid(ctx, "invitationId");
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> EventRoutes.ledEvent(tx.sql(), eventId)
        .map(EventRoutes::unarchived)
        .compose(found -> invitations.revoke(tx.sql(), eventId, invitationId))
        .map(revoked -> {
          if (!revoked) throw ApiException.notFound("Invitation");
          return ApiResponse.ok(new JsonObject().put("success", true));
        })));
  }

  /**
   * Whoever is signed in and holds the token joins the team with the invitation's role: the
   * token is the proof, whatever address the account has (the lead may have sent the link to a
   * work address and the person signed up with another). It works once, until it expires.
   */
  private void accept(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    // In the body, not the path: a path lands in access logs, where a live token must not.
    String token = body.string("token", true, 100);
    body.validate();
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> invitations.accept(tx.sql(), token)
        .compose(result -> switch (result.getString("outcome")) {
          case "accepted" -> {
            JsonObject row = result.getJsonObject("row");
            UUID eventId = UUID.fromString(result.getString("event_id"));
            // Joining an archived event's team is a change to it: refused, and rolled back with the answer.
            yield EventRoutes.visibleEvent(tx.sql(), eventId).map(EventRoutes::unarchived)
                .compose(found -> tx.publishRowChange(eventId, "event_team", Operation.INSERT, row, null))
                .compose(v -> publishMember(tx, eventId, tx.principal().userId(), null))
                .map(member -> ApiResponse.ok(new JsonObject().put("event_id", eventId.toString()).put("member", member)));
          }
          case "member_already" -> throw new ApiException(409, "already_exists",
              "You are on this event's team already; the invitation stays open");
          case "accepted_already" -> throw new ApiException(410, "invitation_used", "This invitation was accepted already");
          case "revoked" -> throw new ApiException(410, "invitation_revoked", "This invitation was revoked");
          case "expired" -> throw new ApiException(410, "invitation_expired", "This invitation has expired");
          default -> throw ApiException.notFound("Invitation");
        })));
  }
}
