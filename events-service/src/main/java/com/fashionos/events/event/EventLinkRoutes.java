package com.fashionos.events.event;

import com.fashionos.events.EventsChangeRecords;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.NamedStatements;
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
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sponsors and designers of an event after the wizard: {@code /api/v1/events/{id}/sponsors}
 * and {@code …/designers}, each with list, add, change and remove. Members read; editors (lead,
 * admin, edit) write; each change publishes its change record, which the activity feed describes.
 */
public final class EventLinkRoutes {
  private static final NamedStatements SQL = NamedStatements.forClass(EventLinkRoutes.class);

  /** What differs between an event's sponsors and its designers; the statements follow the names. */
  enum Kind {
    SPONSOR("sponsors", "sponsorId", "sponsor_id", "event_sponsors", EventsChangeRecords.EVENT_SPONSOR, "Sponsor",
        List.of("tier", "amount", "currency", "status", "contract_id")),
    DESIGNER("designers", "designerId", "designer_id", "event_designers", EventsChangeRecords.EVENT_DESIGNER, "Designer",
        List.of("invitation_status", "number_of_looks", "show_order"));

    final String plural;
    final String pathParam;
    final String referenceField;
    final String table;
    final ResourceChange.Kind resource;
    final String what;
    /** The fields a request may set, in the order of the add and change statements' parameters. */
    final List<String> fields;

    Kind(String plural, String pathParam, String referenceField, String table, ResourceChange.Kind resource, String what,
        List<String> fields) {
      this.plural = plural;
      this.pathParam = pathParam;
      this.referenceField = referenceField;
      this.table = table;
      this.resource = resource;
      this.what = what;
      this.fields = fields;
    }

    String singular() {
      return name().toLowerCase();
    }

    String statement(String verb) {
      return verb + "_" + singular();
    }
  }

  private final Database database;

  public EventLinkRoutes(Database database) {
    this.database = database;
  }

  public void mount(Router router) {
    for (Kind kind : Kind.values()) {
      String path = "/api/v1/events/:id/" + kind.plural;
      router.get(path).handler(ctx -> list(ctx, kind));
      router.post(path).handler(ctx -> add(ctx, kind));
      router.put(path + "/:" + kind.pathParam).handler(ctx -> change(ctx, kind));
      router.delete(path + "/:" + kind.pathParam).handler(ctx -> remove(ctx, kind));
    }
  }

  private void list(RoutingContext ctx, Kind kind) {
    QueryParams.accept(ctx);
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> EventRoutes.visibleEvent(conn, eventId)
        .compose(found -> conn.preparedQuery(SQL.get(kind.plural + "_of_event")).execute(Tuple.of(eventId)))
        .map(rows -> {
          JsonArray links = (JsonArray) rows.iterator().next().getValue("links");
          return ApiResponse.ok(new JsonObject().put(kind.plural, links).put("total", links.size()));
        })));
  }

  private void add(RoutingContext ctx, Kind kind) {
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    RequestBody body = RequestBody.of(ctx);
    UUID reference = body.uuid(kind.referenceField, true);
    Map<String, Object> values = values(body, kind);
    body.validate();
    List<Object> args = new ArrayList<>(Arrays.asList(eventId, reference));
    kind.fields.forEach(f -> args.add(Patch.toSql(values.get(f))));
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> editableEvent(tx.sql(), eventId)
        .compose(v -> tx.sql().preparedQuery(SQL.get(kind.statement("add"))).execute(Tuple.from(args)))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            throw ApiException.unprocessable("reference_invalid", "No " + kind.singular() + " with this id",
                List.of(new FieldIssue(kind.referenceField, "no " + kind.singular() + " with this id")));
          }
          return publishAdded(tx, kind, eventId, reference, rows.iterator().next().getJsonObject("row"));
        })
        .map(link -> new ApiResponse(201, new JsonObject().put(kind.singular(), link)))));
  }

  /** Publishes a link just added, its row and then the link as GET shows it, which it answers. */
  static Future<JsonObject> publishAdded(Transaction tx, Kind kind, UUID eventId, UUID reference, JsonObject row) {
    return tx.publishRowChange(eventId, kind.table, Operation.INSERT, row, null)
        .compose(v -> publishLink(tx, kind, eventId, reference, null));
  }

  /** Publishes the link as GET shows it now; {@code before}: as it showed it (null: just added). Answers it. */
  private static Future<JsonObject> publishLink(Transaction tx, Kind kind, UUID eventId, UUID reference,
      JsonObject before) {
    return view(tx.sql(), kind, eventId, reference).compose(link ->
        tx.publishResourceChange(eventId, kind.resource, link, before, false).map(link));
  }

  private void change(RoutingContext ctx, Kind kind) {
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    UUID reference = QueryParams.pathUuid(ctx, kind.pathParam);
    RequestBody body = RequestBody.of(ctx);
    Map<String, Object> changes = values(body, kind);
    if (changes.isEmpty() && !body.hasIssues()) body.fail(kind.fields.get(0), "give at least one of " + kind.fields);
    body.validate();
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> editableEvent(tx.sql(), eventId)
        .compose(v -> tx.sql().preparedQuery(SQL.get(kind.statement("lock"))).execute(Tuple.of(eventId, reference)))
        .compose(locked -> {
          if (locked.rowCount() == 0) throw ApiException.notFound(kind.what);
          Row current = locked.iterator().next();
          return view(tx.sql(), kind, eventId, reference).compose(before -> tx.sql()
              .preparedQuery(SQL.get(kind.statement("change")))
              .execute(Tuple.from(Patch.args(current.getUUID("id"), kind.fields, changes)))
              .compose(updated -> tx.publishRowChange(eventId, kind.table, Operation.UPDATE,
                  updated.iterator().next().getJsonObject("row"), current.getJsonObject("row")))
              .compose(v -> publishLink(tx, kind, eventId, reference, before))
              .map(after -> ApiResponse.ok(new JsonObject().put("success", true).put(kind.singular(), after)
                  .put("updated_fields", new JsonArray(Patch.changed(changes.keySet(), before, after))))));
        })));
  }

  private void remove(RoutingContext ctx, Kind kind) {
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    UUID reference = QueryParams.pathUuid(ctx, kind.pathParam);
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> editableEvent(tx.sql(), eventId)
        .compose(v -> view(tx.sql(), kind, eventId, reference))
        .compose(before -> tx.sql().preparedQuery(SQL.get(kind.statement("remove"))).execute(Tuple.of(eventId, reference))
            .compose(rows -> {
              if (rows.rowCount() == 0) throw ApiException.notFound(kind.what);
              return tx.publishRowChange(eventId, kind.table, Operation.DELETE, null, rows.iterator().next().getJsonObject("row"))
                  .compose(v -> tx.publishResourceChange(eventId, kind.resource, null, before, false));
            }))
        .map(v -> ApiResponse.ok(new JsonObject().put("success", true)))));
  }

  /** The fields present in the body, read and checked; a column that cannot be empty refuses null. */
  private static Map<String, Object> values(RequestBody body, Kind kind) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String field : kind.fields) {
      if (!body.has(field)) continue;
      Object value = switch (field) {
        case "tier" -> body.enumValue(field, SponsorshipTier.class, false);
        case "amount" -> body.decimal(field, false, BigDecimal.ZERO, RequestBody.MAX_MONEY);
        case "currency" -> body.currency(field, false);
        case "status" -> body.enumValue(field, SponsorshipStatus.class, false);
        case "contract_id" -> body.uuid(field, false);
        case "invitation_status" -> body.enumValue(field, InvitationStatus.class, false);
        case "number_of_looks", "show_order" -> body.integer(field, false, 0, 10_000);
        default -> throw new IllegalStateException(field);
      };
      boolean required = List.of("currency", "status", "invitation_status").contains(field);
      if (required && body.json().getValue(field) == null) body.fail(field, "must not be null");
      values.put(field, value);
    }
    return values;
  }

  /** The link as GET shows it, null when the event has none to that reference. */
  private static Future<JsonObject> view(SqlConnection conn, Kind kind, UUID eventId, UUID reference) {
    return conn.preparedQuery(SQL.get(kind.singular() + "_of_event")).execute(Tuple.of(eventId, reference))
        .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getJsonObject("link"));
  }

  /** 404 when the caller cannot see the event, 409 when it is archived, 403 when they only view it. */
  private static Future<Void> editableEvent(SqlConnection conn, UUID eventId) {
    return EventRoutes.visibleEvent(conn, eventId).map(EventRoutes::unarchived)
        .compose(found -> conn.preparedQuery(SQL.get("can_edit")).execute(Tuple.of(eventId)))
        .map(rows -> {
          if (!rows.iterator().next().getBoolean("can_edit")) {
            throw ApiException.forbidden("Only editors of the event (lead, admin, edit) can change its sponsors and designers");
          }
          return null;
        });
  }
}
