package com.fashionos.events.event;

import com.fashionos.events.EventsChangeRecords;
import com.fashionos.events.event.EventRepository.FoundEvent;
import com.fashionos.events.event.EventRepository.MissingReference;
import com.fashionos.events.team.Invitations;
import com.fashionos.events.team.TeamMemberRequest;
import com.fashionos.events.team.TeamPermission;
import com.fashionos.events.team.TeamRepository;
import com.fashionos.events.team.TeamRole;
import com.fashionos.events.team.TeamRoutes;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.EventCreated;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.FieldClock;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Patch;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiException.FieldIssue;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/** {@code /api/v1/events}: list, detail, create (the wizard), update, archive and restore. */
public final class EventRoutes {
  private final Database database;
  private final Invitations invitations;
  private final EventRepository events = new EventRepository();
  private final TeamRepository team = new TeamRepository();

  public EventRoutes(Database database, Invitations invitations) {
    this.database = database;
    this.invitations = invitations;
  }

  public void mount(Router router) {
    router.get("/api/v1/events").handler(this::list);
    router.post("/api/v1/events").handler(this::create);
    router.get("/api/v1/events/:id").handler(this::detail);
    router.put("/api/v1/events/:id").handler(this::update);
    router.delete("/api/v1/events/:id").handler(this::archive);
    router.post("/api/v1/events/:id/restore").handler(this::restore);
  }

  /** The event if the caller may see it; 404 otherwise, so existence does not leak. */
  public static Future<FoundEvent> visibleEvent(io.vertx.sqlclient.SqlConnection conn, UUID id) {
    return new EventRepository().find(conn, id).map(found -> {
      if (found == null) throw ApiException.notFound("Event");
      return found;
    });
  }

  /** The event if the caller leads it: 404 when they cannot see it, 403 when they only see it. */
  public static Future<FoundEvent> ledEvent(io.vertx.sqlclient.SqlConnection conn, UUID id) {
    return visibleEvent(conn, id).map(found -> {
      if (!found.canManage()) throw ApiException.forbidden("Only the event lead can do this");
      return found;
    });
  }

  /**
   * The event if it takes changes: an archived one is read-only (409 {@code event_archived}) for
   * everything but restore until it is restored, as in every other service.
   */
  public static FoundEvent unarchived(FoundEvent found) {
    if ("archived".equals(found.row().getString("status"))) throw ApiException.eventArchived();
    return found;
  }

  private void list(RoutingContext ctx) {
    QueryParams.accept(ctx, EventListQuery.PARAMETERS);
    EventListQuery query = EventListQuery.from(ctx);
    int page = QueryParams.page(ctx);
    int limit = QueryParams.limit(ctx);
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn ->
        events.count(conn, query).compose(total ->
            events.page(conn, query, limit, (page - 1) * limit).map(items -> ApiResponse.ok(
                new JsonObject().put("events", items).put("total", total).put("page", page).put("limit", limit)
                    .put("pages", (total + limit - 1) / limit))))));
  }

  private void detail(RoutingContext ctx) {
    QueryParams.accept(ctx);
    UUID id = QueryParams.pathUuid(ctx, "id");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> events.detail(conn, id).map(event -> {
      if (event == null) throw ApiException.notFound("Event");
      return ApiResponse.ok(new JsonObject().put("event", event));
    })));
  }

  private void create(RoutingContext ctx) {
    EventRequests.NewEvent request = EventRequests.newEvent(RequestBody.of(ctx));
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> create(tx, request)));
  }

  /** One transaction: the event, its lead, team, sponsor and designer links and their records. */
  private Future<ApiResponse> create(Transaction tx, EventRequests.NewEvent request) {
    UUID me = tx.principal().userId();
    List<UUID> venues = Stream.of(request.venueId(), request.backupVenueId()).filter(Objects::nonNull).toList();
    List<UUID> users = request.teamMembers().stream().map(TeamMemberRequest::userId).filter(Objects::nonNull).toList();
    rejectDuplicateMembers(request.teamMembers());
    return events.missingReferences(tx.sql(), venues, request.sponsorIds(), request.designerIds(), users)
        .compose(missing -> {
          rejectMissing(missing, request);
          return events.insert(tx.sql(), request, me, FieldClock.stamp(EventRepository.UPDATABLE, tx.mutation().actedAt()));
        })
        .compose(event -> {
          UUID eventId = UUID.fromString(event.getString("id"));
          JsonArray teamRows = new JsonArray();
          JsonArray invited = new JsonArray();
          Future<Void> chain = tx.publishRowChange(eventId, "events", Operation.INSERT, event, null)
              .compose(v -> publishEvent(tx, eventId, null))
              .compose(v -> addMember(tx, eventId, me, TeamRole.EVENT_LEAD, TeamPermission.ADMIN, teamRows));
          for (TeamMemberRequest member : request.teamMembers()) {
            // By e-mail: an invitation (null for the creator's own address); by id: a member.
            chain = chain.compose(v -> member.userId() == null
                ? invitations.invite(tx, eventId, member).map(invitation -> {
                  if (invitation != null) invited.add(invitation);
                  return (Void) null;
                })
                : member.userId().equals(me) ? Future.succeededFuture()
                : addMember(tx, eventId, member.userId(), member.role(), member.permissions(), teamRows));
          }
          for (UUID sponsorId : request.sponsorIds()) {
            chain = chain.compose(v -> events.linkSponsor(tx.sql(), eventId, sponsorId))
                .compose(row -> EventLinkRoutes.publishAdded(tx, EventLinkRoutes.Kind.SPONSOR, eventId, sponsorId, row))
                .mapEmpty();
          }
          for (UUID designerId : request.designerIds()) {
            chain = chain.compose(v -> events.linkDesigner(tx.sql(), eventId, designerId))
                .compose(row -> EventLinkRoutes.publishAdded(tx, EventLinkRoutes.Kind.DESIGNER, eventId, designerId, row))
                .mapEmpty();
          }
          return chain
              .compose(v -> tx.publish(eventCreated(tx, event, request, teamRows)))
              .map(v -> ApiResponse.created(new JsonObject()
                  .put("event_id", eventId.toString())
                  .put("status", event.getString("status"))
                  // The plan is written after the answer: the count is null until it is (the event's
                  // tasks_summary.generation, and its live frames, tell when).
                  .putNull("tasks_generated")
                  .put("tasks_generation", "pending")
                  .put("invitations", invited)));
        });
  }

  private Future<Void> addMember(Transaction tx, UUID eventId, UUID userId, TeamRole role, TeamPermission permissions,
      JsonArray teamRows) {
    return team.add(tx.sql(), eventId, userId, role, permissions).compose(row -> {
      teamRows.add(row);
      return tx.publishRowChange(eventId, "event_team", Operation.INSERT, row, null)
          .compose(v -> TeamRoutes.publishMember(tx, eventId, userId, null)).mapEmpty();
    });
  }

  /**
   * Publishes the event as it is now, as a resource (its row record went just before); before: as
   * it was, null when it was just created.
   */
  private Future<Void> publishEvent(Transaction tx, UUID id, JsonObject before) {
    return events.resource(tx.sql(), id)
        .compose(after -> tx.publishResourceChange(id, EventsChangeRecords.EVENT, after, before, false));
  }

  private static ChangeRecord eventCreated(Transaction tx, JsonObject event, EventRequests.NewEvent request,
      JsonArray teamRows) {
    JsonArray budget = new JsonArray();
    request.budgetCategories().forEach(line -> budget.add(new JsonObject()
        .put("category", RequestBody.wireName(line.category()))
        .put("budgeted_amount", line.budgetedAmount().toPlainString())
        .put("currency", line.currency())));
    EventCreated created = new EventCreated(event, budget, teamRows,
        new JsonArray(request.sponsorIds().stream().map(UUID::toString).toList()),
        new JsonArray(request.designerIds().stream().map(UUID::toString).toList()),
        tx.principal().userId(), tx.mutation().actedAt());
    UUID eventId = UUID.fromString(event.getString("id"));
    return ChangeRecord.of(tx.service().source(), EventCreated.TYPE, "events/" + eventId, eventId, created.toJson());
  }

  private static void rejectDuplicateMembers(List<TeamMemberRequest> members) {
    List<FieldIssue> issues = new ArrayList<>();
    Set<Object> seen = new java.util.HashSet<>();
    for (int i = 0; i < members.size(); i++) {
      TeamMemberRequest m = members.get(i);
      Object who = m.userId() != null ? m.userId() : m.email().toLowerCase(java.util.Locale.ROOT);
      if (!seen.add(who)) issues.add(new FieldIssue("team_members[" + i + "]", "lists the same person twice"));
    }
    if (!issues.isEmpty()) throw ApiException.badRequest("Invalid request: team_members", issues);
  }

  /** Names every referenced row that does not exist (422), so the wizard can point at the field. */
  private static void rejectMissing(List<MissingReference> missing, EventRequests.NewEvent request) {
    if (missing.isEmpty()) return;
    List<FieldIssue> issues = new ArrayList<>();
    for (MissingReference ref : missing) {
      switch (ref.kind()) {
        case "venue" -> issues.add(new FieldIssue(ref.id().equals(request.venueId()) ? "venue_id" : "backup_venue_id",
            "no venue with this id"));
        case "sponsor" -> issues.add(new FieldIssue("sponsor_ids[" + request.sponsorIds().indexOf(ref.id()) + "]",
            "no sponsor with this id"));
        case "designer" -> issues.add(new FieldIssue("designer_ids[" + request.designerIds().indexOf(ref.id()) + "]",
            "no designer with this id"));
        default -> {
          int index = request.teamMembers().stream().map(TeamMemberRequest::userId).toList().indexOf(ref.id());
          issues.add(new FieldIssue("team_members[" + index + "].user_id", "no user with this id"));
        }
      }
    }
    throw ApiException.unprocessable("reference_invalid", "The request refers to records that do not exist", issues);
  }

  private void update(RoutingContext ctx) {
    UUID id = QueryParams.pathUuid(ctx, "id");
    Map<String, Object> changes = EventRequests.changes(RequestBody.of(ctx));
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> ledEvent(tx.sql(), id)
        .compose(found -> events.lock(tx.sql(), id))
        .compose(current -> update(tx, id, current, changes))));
  }

  /** Applies the fields this write wins (last writer by acted-at time) and reports the others. */
  private Future<ApiResponse> update(Transaction tx, UUID id, FoundEvent current, Map<String, Object> changes) {
    unarchived(current);
    Set<String> winners = FieldClock.winners(current.fieldTimes(), changes.keySet(), tx.mutation().actedAt());
    Map<String, Object> accepted = new LinkedHashMap<>();
    winners.forEach(field -> accepted.put(field, changes.get(field)));
    List<String> superseded = changes.keySet().stream().filter(f -> !winners.contains(f)).toList();
    checkDates(current.row(), accepted);
    List<UUID> venues = Stream.of("venue_id", "backup_venue_id").map(accepted::get)
        .filter(UUID.class::isInstance).map(UUID.class::cast).toList();
    JsonObject answer = new JsonObject().put("success", true).put("updated_fields", new JsonArray())
        .put("superseded_fields", new JsonArray(superseded));
    Future<Void> lost = tx.publishSuperseded(id, "events", current.row(), superseded);
    if (accepted.isEmpty()) return lost.map(ApiResponse.ok(answer));
    return lost.compose(v -> events.missingReferences(tx.sql(), venues, List.of(), List.of(), List.of()))
        .compose(missing -> {
          if (!missing.isEmpty()) {
            String field = missing.get(0).id().equals(accepted.get("venue_id")) ? "venue_id" : "backup_venue_id";
            throw ApiException.unprocessable("reference_invalid", "No venue with this id",
                List.of(new FieldIssue(field, "no venue with this id")));
          }
          return events.resource(tx.sql(), id);
        })
        .compose(before -> events.update(tx.sql(), id, accepted, FieldClock.stamp(accepted.keySet(), tx.mutation().actedAt()))
            .compose(row -> tx.publishRowChange(id, "events", Operation.UPDATE, row, current.row())
                .compose(v -> publishEvent(tx, id, before))
                .map(v -> ApiResponse.ok(answer.put("updated_fields",
                    new JsonArray(Patch.changed(accepted.keySet(), current.row(), row)))))));
  }

  private static void checkDates(JsonObject current, Map<String, Object> accepted) {
    OffsetDateTime start = accepted.containsKey("start_date") ? (OffsetDateTime) accepted.get("start_date")
        : OffsetDateTime.parse(current.getString("start_date"));
    Object end = accepted.containsKey("end_date") ? accepted.get("end_date")
        : current.getString("end_date") == null ? null : OffsetDateTime.parse(current.getString("end_date"));
    if (end instanceof OffsetDateTime e && e.isBefore(start)) {
      throw ApiException.invalidField("end_date", "must not be before start_date");
    }
  }

  private void archive(RoutingContext ctx) {
    UUID id = QueryParams.pathUuid(ctx, "id");
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> ledEvent(tx.sql(), id)
        .compose(found -> events.resource(tx.sql(), id).compose(before -> events.archive(tx.sql(), id)
            .compose(row -> row == null ? Future.succeededFuture()
                : tx.publishRowChange(id, "events", Operation.UPDATE, row, found.row())
                    .compose(v -> publishEvent(tx, id, before)))))
        .map(v -> ApiResponse.ok(new JsonObject().put("success", true).put("status", "archived")))));
  }

  private void restore(RoutingContext ctx) {
    UUID id = QueryParams.pathUuid(ctx, "id");
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> ledEvent(tx.sql(), id)
        .compose(found -> events.resource(tx.sql(), id).compose(before -> events.restore(tx.sql(), id).compose(row -> {
          if (row == null) throw ApiException.conflict("event_not_archived", "The event is not archived");
          return tx.publishRowChange(id, "events", Operation.UPDATE, row, found.row())
              .compose(v -> publishEvent(tx, id, before))
              .map(v -> ApiResponse.ok(new JsonObject().put("success", true).put("status", row.getString("status"))));
        })))));
  }
}
