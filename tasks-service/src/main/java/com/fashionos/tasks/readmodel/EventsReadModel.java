package com.fashionos.tasks.readmodel;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.kafka.ChangeRecordConsumer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * What tasks-service knows of events-service: events (for their start date), memberships (for
 * row level security) and people (assignee names), kept from {@code fashionos.events.v1}.
 */
public final class EventsReadModel extends ChangeRecordConsumer {
  static final NamedStatements SQL = NamedStatements.forClass(EventsReadModel.class);
  private final BiFunction<Transaction, UUID, Future<?>> onStartDateChange;

  /** @param onStartDateChange reschedules an event's tasks when its start date moves */
  public EventsReadModel(KafkaConfig kafka, Database database, BiFunction<Transaction, UUID, Future<?>> onStartDateChange) {
    super(kafka, "tasks-service.events-read-model", java.util.List.of(Topics.EVENTS), database);
    this.onStartDateChange = onStartDateChange;
  }

  @Override
  protected Future<Void> apply(Transaction tx, ChangeRecord record) {
    if (!RowChange.isRowChange(record.type())) return Future.succeededFuture();
    RowChange change = RowChange.fromJson(record.data());
    JsonObject row = change.row();
    SqlConnection conn = tx.sql();
    return switch (change.table()) {
      case "events" -> upsertEvent(conn, row).compose(v -> change.changedFields().contains("start_date")
          && change.operation() == Operation.UPDATE
          ? onStartDateChange.apply(tx, UUID.fromString(row.getString("id"))).mapEmpty() : Future.succeededFuture());
      case "event_team" -> team(conn, change);
      case "profiles" -> upsertPerson(conn, UUID.fromString(row.getString("id")),
          row.getString("full_name") != null ? row.getString("full_name") : row.getString("email"),
          row.getString("avatar_url"));
      default -> Future.succeededFuture();
    };
  }

  private static Future<Void> team(SqlConnection conn, RowChange change) {
    JsonObject row = change.row();
    UUID eventId = UUID.fromString(row.getString("event_id"));
    if (change.operation() == Operation.DELETE) return deleteMember(conn, eventId, UUID.fromString(row.getString("user_id")));
    Future<Void> before = change.oldRow() != null && !row.getString("user_id").equals(change.oldRow().getString("user_id"))
        ? deleteMember(conn, eventId, UUID.fromString(change.oldRow().getString("user_id")))
        : Future.succeededFuture();
    return before.compose(v -> upsertMember(conn, eventId, UUID.fromString(row.getString("user_id")),
        row.getString("role"), row.getString("permissions")));
  }

  /** Seeds the read model from events-service's answer for an event (see {@link Membership}). */
  static Future<Void> seed(SqlConnection conn, JsonObject event) {
    Future<Void> chain = upsertEvent(conn, event);
    UUID eventId = UUID.fromString(event.getString("id"));
    for (Object item : event.getJsonArray("team", new JsonArray())) {
      JsonObject member = (JsonObject) item;
      UUID userId = UUID.fromString(member.getString("user_id"));
      chain = chain
          .compose(v -> upsertMember(conn, eventId, userId, member.getString("role"), member.getString("permissions")))
          .compose(v -> upsertPerson(conn, userId, member.getString("name"), member.getString("avatar_url")));
    }
    return chain;
  }

  private static Future<Void> upsertEvent(SqlConnection conn, JsonObject event) {
    String end = event.getString("end_date");
    String createdBy = event.getString("created_by");
    return conn.preparedQuery(SQL.get("upsert_event")).execute(Tuple.from(Arrays.asList(
            UUID.fromString(event.getString("id")), event.getString("name"), OffsetDateTime.parse(event.getString("start_date")),
            end == null ? null : OffsetDateTime.parse(end), event.getString("status"),
            createdBy == null ? null : UUID.fromString(createdBy))))
        .mapEmpty();
  }

  private static Future<Void> upsertMember(SqlConnection conn, UUID eventId, UUID userId, String role, String permissions) {
    return conn.preparedQuery(SQL.get("upsert_member")).execute(Tuple.of(eventId, userId, role, permissions)).mapEmpty();
  }

  private static Future<Void> deleteMember(SqlConnection conn, UUID eventId, UUID userId) {
    return conn.preparedQuery(SQL.get("delete_member")).execute(Tuple.of(eventId, userId)).mapEmpty();
  }

  private static Future<Void> upsertPerson(SqlConnection conn, UUID id, String name, String avatarUrl) {
    return conn.preparedQuery(SQL.get("upsert_person")).execute(Tuple.from(Arrays.asList(id, name, avatarUrl))).mapEmpty();
  }
}
