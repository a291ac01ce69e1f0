package com.fashionos.platform.change;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Version 1 of the data of a row-change record: one row of one table inserted, updated or
 * deleted. The CloudEvents type is {@code com.fashionos.<service>.<table>.changed.v1}; an
 * incompatible change to this shape gets a new class and a {@code .v2} type, never an edit here.
 *
 * @param actedAt when the user acted (X-Client-Timestamp for offline replays)
 * @param recordedAt when the server committed the change
 * @param version the row's version after the change (0 when the table has none)
 */
public record RowChange(String table, Operation operation, JsonObject newRow, JsonObject oldRow,
    List<String> changedFields, UUID actor, Instant actedAt, Instant recordedAt, long version) {

  public static final String TYPE_SUFFIX = ".changed.v1";
  /** Bookkeeping columns that change on every write and say nothing to a reader. */
  private static final Set<String> BOOKKEEPING = Set.of("updated_at", "version");

  public static String type(String service, String table) {
    return "com.fashionos." + service + "." + table + TYPE_SUFFIX;
  }

  public static boolean isRowChange(String type) {
    return type != null && type.endsWith(TYPE_SUFFIX);
  }

  /** Builds the change from the rows before and after, working out which fields changed. */
  public static RowChange of(String table, Operation operation, JsonObject newRow, JsonObject oldRow,
      UUID actor, Instant actedAt, Instant recordedAt) {
    JsonObject reference = newRow != null ? newRow : oldRow;
    long version = reference.getLong("version", 0L);
    return new RowChange(table, operation, newRow, oldRow, changedFields(operation, newRow, oldRow), actor, actedAt,
        recordedAt, version);
  }

  /** Every field for an insert or delete; for an update those that differ, bookkeeping left out. */
  static List<String> changedFields(Operation operation, JsonObject newValue, JsonObject oldValue) {
    List<String> changed = new ArrayList<>();
    JsonObject reference = newValue != null ? newValue : oldValue;
    for (String field : reference.fieldNames()) {
      if (BOOKKEEPING.contains(field)) continue;
      Object after = newValue == null ? null : newValue.getValue(field);
      Object before = oldValue == null ? null : oldValue.getValue(field);
      if (operation != Operation.UPDATE || !java.util.Objects.equals(after, before)) changed.add(field);
    }
    return List.copyOf(changed);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("table", table)
        .put("operation", operation.name().toLowerCase(Locale.ROOT))
        .put("new", newRow)
        .put("old", oldRow)
        .put("changed_fields", new JsonArray(changedFields))
        .put("actor", actor == null ? null : actor.toString())
        .put("acted_at", actedAt.toString())
        .put("recorded_at", recordedAt.toString())
        .put("version", version);
  }

  public static RowChange fromJson(JsonObject json) {
    String actor = json.getString("actor");
    return new RowChange(
        json.getString("table"),
        Operation.valueOf(json.getString("operation").toUpperCase(Locale.ROOT)),
        json.getJsonObject("new"),
        json.getJsonObject("old"),
        json.getJsonArray("changed_fields", new JsonArray()).stream().map(String::valueOf).toList(),
        actor == null ? null : UUID.fromString(actor),
        Instant.parse(json.getString("acted_at")),
        Instant.parse(json.getString("recorded_at")),
        json.getLong("version", 0L));
  }

  /** The row as it is now: the new row, or the old one for a delete. */
  public JsonObject row() {
    return newRow != null ? newRow : oldRow;
  }
}
