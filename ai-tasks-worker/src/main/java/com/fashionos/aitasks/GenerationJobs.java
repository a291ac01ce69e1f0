package com.fashionos.aitasks;

import com.fashionos.platform.change.EventCreated;
import com.fashionos.platform.db.NamedStatements;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** SQL of generation_jobs; statements in {@code GenerationJobs.sql}. */
final class GenerationJobs {
  private static final NamedStatements SQL = NamedStatements.forClass(GenerationJobs.class);
  /** A job claimed longer ago than this belonged to a worker that died. */
  static final int ABANDONED_AFTER_SECONDS = 300;

  /** A claimed job. */
  record Job(UUID eventId, UUID planId, PlanRequest request) {}

  Future<Void> add(SqlConnection conn, EventCreated created) {
    JsonObject event = created.event();
    JsonObject request = new JsonObject()
        .put("event_id", event.getString("id"))
        .put("name", event.getString("name"))
        .put("type", event.getString("type"))
        .put("description", event.getString("description"))
        .put("start_date", event.getString("start_date"))
        .put("end_date", event.getString("end_date"))
        .put("timezone", event.getString("timezone", "UTC"))
        .put("designers", created.designerIds().size())
        .put("sponsors", created.sponsorIds().size())
        // Absent and null alike: getInteger's default covers only an absent key.
        .put("target_attendees", Objects.requireNonNullElse(event.getInteger("target_attendees"), 0));
    return conn.preparedQuery(SQL.get("add_job")).execute(Tuple.of(UUID.fromString(event.getString("id")), request))
        .mapEmpty();
  }

  /** The next job to generate, or null. */
  Future<Job> claim(SqlConnection conn) {
    return conn.preparedQuery(SQL.get("claim_job")).execute(Tuple.of(ABANDONED_AFTER_SECONDS)).map(rows -> {
      if (rows.rowCount() == 0) return null;
      Row row = rows.iterator().next();
      JsonObject r = (JsonObject) row.getValue("request");
      String end = r.getString("end_date");
      return new Job(row.getUUID("event_id"), row.getUUID("plan_id"), new PlanRequest(
          row.getUUID("event_id"), r.getString("name"), r.getString("type"), r.getString("description"),
          OffsetDateTime.parse(r.getString("start_date")), end == null ? null : OffsetDateTime.parse(end),
          r.getString("timezone"), r.getInteger("designers", 0), r.getInteger("sponsors", 0),
          Objects.requireNonNullElse(r.getInteger("target_attendees"), 0)));
    });
  }

  /** Marks the job done; false when another worker finished it first. */
  Future<Boolean> finish(SqlConnection conn, UUID eventId, String source, int taskCount) {
    return conn.preparedQuery(SQL.get("finish_job")).execute(Tuple.of(eventId, source, taskCount))
        .map(rows -> rows.rowCount() == 1);
  }
}
