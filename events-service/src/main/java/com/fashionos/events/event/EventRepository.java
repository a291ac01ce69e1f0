package com.fashionos.events.event;

import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.http.RequestBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL of the events table; statements in {@code EventRepository.sql}. */
public final class EventRepository {
  private static final NamedStatements SQL = NamedStatements.forClass(EventRepository.class);
  /** The fields of {@code update_event}, in its parameter order. */
  static final List<String> UPDATABLE = List.of("name", "type", "description", "goals", "start_date", "end_date",
      "timezone", "venue_id", "backup_venue_id", "status", "target_attendees", "actual_attendees");

  /**
   * The detail's parts that are resources of their own: the team, sponsor and designer links
   * (events-service), the task progress (tasks-service's {@code event_progress}) and the budget
   * (budget-service's status).
   */
  private static final List<String> OTHER_RESOURCES =
      List.of("team", "sponsors", "designers", "progress", "tasks_summary", "budget");

  /** A directory row or user a request referred to that does not exist. */
  record MissingReference(String kind, UUID id) {}

  /** An event as its reader sees it, with the per-field change times and whether they lead it. */
  public record FoundEvent(JsonObject row, JsonObject fieldTimes, boolean canManage) {}

  Future<JsonObject> insert(SqlConnection conn, EventRequests.NewEvent e, UUID createdBy, JsonObject fieldTimes) {
    return conn.preparedQuery(SQL.get("insert_event")).execute(Tuple.from(Arrays.asList(
            e.name(), RequestBody.wireName(e.type()), e.description(), e.goals().toArray(new String[0]),
            e.startDate(), e.endDate(), e.timezone(), e.venueId(), e.backupVenueId(), e.targetAttendees(),
            createdBy, fieldTimes)))
        .map(EventRepository::firstRow);
  }

  Future<JsonObject> linkSponsor(SqlConnection conn, UUID eventId, UUID sponsorId) {
    return conn.preparedQuery(SQL.get("link_sponsor")).execute(Tuple.of(eventId, sponsorId)).map(EventRepository::firstRow);
  }

  Future<JsonObject> linkDesigner(SqlConnection conn, UUID eventId, UUID designerId) {
    return conn.preparedQuery(SQL.get("link_designer")).execute(Tuple.of(eventId, designerId)).map(EventRepository::firstRow);
  }

  Future<List<MissingReference>> missingReferences(SqlConnection conn, List<UUID> venues, List<UUID> sponsors,
      List<UUID> designers, List<UUID> users) {
    return conn.preparedQuery(SQL.get("missing_references")).execute(Tuple.of(
            venues.toArray(new UUID[0]), sponsors.toArray(new UUID[0]), designers.toArray(new UUID[0]),
            users.toArray(new UUID[0])))
        .map(rows -> {
          List<MissingReference> missing = new ArrayList<>();
          rows.forEach(r -> missing.add(new MissingReference(r.getString("kind"), r.getUUID("ref"))));
          return missing;
        });
  }

  Future<Long> count(SqlConnection conn, EventListQuery query) {
    return conn.preparedQuery(SQL.get("count_events")).execute(query.filter())
        .map(rows -> rows.iterator().next().getLong("total"));
  }

  Future<JsonArray> page(SqlConnection conn, EventListQuery query, int limit, int offset) {
    return conn.preparedQuery(SQL.get("list_events")).execute(query.page(limit, offset))
        .map(rows -> (JsonArray) rows.iterator().next().getValue("events"));
  }

  /** The event if the caller can see it (row level security), else null. */
  Future<FoundEvent> find(SqlConnection conn, UUID id) {
    return conn.preparedQuery(SQL.get("find_event")).execute(Tuple.of(id)).map(rows -> {
      if (rows.rowCount() == 0) return null;
      Row row = rows.iterator().next();
      return new FoundEvent((JsonObject) row.getValue("row"), (JsonObject) row.getValue("field_times"),
          row.getBoolean("can_manage"));
    });
  }

  /** Locks the event for a change; the row and field times as they are now. */
  Future<FoundEvent> lock(SqlConnection conn, UUID id) {
    return conn.preparedQuery(SQL.get("lock_event")).execute(Tuple.of(id)).map(rows -> {
      Row row = rows.iterator().next();
      return new FoundEvent((JsonObject) row.getValue("row"), (JsonObject) row.getValue("field_times"), true);
    });
  }

  Future<JsonObject> detail(SqlConnection conn, UUID id) {
    return conn.preparedQuery(SQL.get("event_detail")).execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("event"));
  }

  /**
   * The event as a resource of its own (its change records): the detail GET answers, without what
   * other resources carry, each published by its own record ({@link com.fashionos.events.EventsChangeRecords#EVENT}).
   */
  Future<JsonObject> resource(SqlConnection conn, UUID id) {
    return detail(conn, id).map(detail -> {
      OTHER_RESOURCES.forEach(detail::remove);
      return detail;
    });
  }

  /** Applies the accepted changes (column name to value) and merges their change times. */
  Future<JsonObject> update(SqlConnection conn, UUID id, Map<String, Object> accepted, JsonObject stamps) {
    List<Object> args = new ArrayList<>();
    args.add(id);
    for (String field : UPDATABLE) {
      boolean set = accepted.containsKey(field);
      args.add(set);
      args.add(set ? toSql(accepted.get(field)) : null);
    }
    args.add(stamps);
    return conn.preparedQuery(SQL.get("update_event")).execute(Tuple.from(args)).map(EventRepository::firstRow);
  }

  private static Object toSql(Object value) {
    if (value instanceof Enum<?> e) return RequestBody.wireName(e);
    if (value instanceof List<?> list) return list.toArray(new String[0]);
    return value;
  }

  Future<JsonObject> archive(SqlConnection conn, UUID id) {
    return conn.preparedQuery(SQL.get("archive_event")).execute(Tuple.of(id)).map(EventRepository::firstRow);
  }

  Future<JsonObject> restore(SqlConnection conn, UUID id) {
    return conn.preparedQuery(SQL.get("restore_event")).execute(Tuple.of(id)).map(EventRepository::firstRow);
  }

  /** The {@code row} column of the first result row, or null when there is none. */
  static JsonObject firstRow(RowSet<Row> rows) {
    return rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("row");
  }
}
