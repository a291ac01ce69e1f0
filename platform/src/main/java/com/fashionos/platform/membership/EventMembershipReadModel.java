package com.fashionos.platform.membership;

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
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * What a service knows of events-service for its row level security: events (with their dates),
 * memberships and people (names and avatars), kept from {@code fashionos.events.v1} in the tables
 * of {@code db/membership} (a {@link com.fashionos.platform.db.ServiceSchema} with
 * {@code withMembershipReadModel()}).
 */
public final class EventMembershipReadModel extends ChangeRecordConsumer {
  static final NamedStatements SQL = NamedStatements.forClass(EventMembershipReadModel.class);
  private final BiFunction<Transaction, UUID, Future<?>> onStartDateChange;

  /**
   * @param service the consuming service's name, for its consumer group
   * @param onStartDateChange runs in the same transaction when an event's start date moves
   */
  public EventMembershipReadModel(KafkaConfig kafka, Database database, String service,
      BiFunction<Transaction, UUID, Future<?>> onStartDateChange) {
    super(kafka, service + ".events-read-model", List.of(Topics.EVENTS), database);
    this.onStartDateChange = onStartDateChange;
  }

  public EventMembershipReadModel(KafkaConfig kafka, Database database, String service) {
    this(kafka, database, service, (tx, eventId) -> Future.succeededFuture());
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
