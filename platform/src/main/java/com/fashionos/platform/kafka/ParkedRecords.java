package com.fashionos.platform.kafka;

import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.NamedStatements;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.UUID;

/**
 * The records a service's consumers parked (table {@code parked_records} of its schema): what
 * was consumed, byte for byte, where it was, and why it could not be applied.
 */
public final class ParkedRecords {
  private static final NamedStatements SQL = NamedStatements.forClass(ParkedRecords.class);
  private final Database database;

  /** A parked record as stored, for replaying it. */
  public record Parked(long id, String consumer, String topic, UUID recordId, String value) {}

  public ParkedRecords(Database database) {
    this.database = database;
  }

  /** Parks the record; answers false when it was parked before (a redelivery after a crash). */
  Future<Boolean> park(String consumer, KafkaConsumerRecord<String, String> record, UUID recordId, String error,
      int attempts) {
    return database.pool().preparedQuery(SQL.get("park")).execute(Tuple.from(Arrays.asList(consumer, record.topic(),
            record.partition(), record.offset(), recordId, bytes(record.key()), bytes(record.value()),
            storable(error), attempts)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The newest parked records (without their values), of one consumer or all, replayed ones included or not. */
  public Future<JsonArray> list(String consumer, boolean includeReplayed, int limit) {
    return database.pool().preparedQuery(SQL.get("list")).execute(Tuple.of(consumer, includeReplayed, limit))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(row -> list.add(json(row).put("value_bytes", row.getInteger("value_bytes"))));
          return list;
        });
  }

  /** One parked record with its value, or null. */
  public Future<JsonObject> describe(long id) {
    return database.pool().preparedQuery(SQL.get("find")).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : json(rows.iterator().next())
            .put("value", text(rows.iterator().next().getBuffer("value"))));
  }

  /** One parked record for replaying, or null. */
  public Future<Parked> find(long id) {
    return database.pool().preparedQuery(SQL.get("find")).execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row row = rows.iterator().next();
          return new Parked(row.getLong("id"), row.getString("consumer"), row.getString("topic"),
              row.getUUID("record_id"), text(row.getBuffer("value")));
        });
  }

  Future<Void> replayed(long id) {
    return database.pool().preparedQuery(SQL.get("replayed")).execute(Tuple.of(id)).mapEmpty();
  }

  Future<Void> replayFailed(long id, String error) {
    return database.pool().preparedQuery(SQL.get("replay_failed")).execute(Tuple.of(id, storable(error))).mapEmpty();
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("consumer", row.getString("consumer"))
        .put("topic", row.getString("topic"))
        .put("partition", row.getInteger("partition"))
        .put("offset", row.getLong("offset"))
        .put("record_id", row.getUUID("record_id") == null ? null : row.getUUID("record_id").toString())
        .put("key", text(row.getBuffer("record_key")))
        .put("error", row.getString("error"))
        .put("attempts", row.getInteger("attempts"))
        .put("parked_at", row.getOffsetDateTime("parked_at").format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .put("replayed_at", row.getOffsetDateTime("replayed_at") == null ? null
            : row.getOffsetDateTime("replayed_at").format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }

  private static Buffer bytes(String text) {
    return text == null ? null : Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Buffer bytes) {
    return bytes == null ? null : bytes.toString(StandardCharsets.UTF_8);
  }

  /** PostgreSQL text cannot hold NUL, which an error quoting a poison record may contain. */
  private static String storable(String error) {
    return error.replace("\u0000", "\\u0000");
  }
}
