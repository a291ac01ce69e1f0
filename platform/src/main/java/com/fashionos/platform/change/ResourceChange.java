package com.fashionos.platform.change;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Version 2 of the data of a change record: one resource created, changed or deleted, carried as
 * its public representation (exactly what the REST GET of that resource answers), not as a table
 * row. Only this envelope is generic; each service declares its resources and their record types
 * ({@link Kind}) in its own public contract. The CloudEvents type is
 * {@code com.fashionos.<service>.<resource>.changed.v2}.
 *
 * @param actedAt when the user acted (X-Client-Timestamp for offline replays)
 * @param recordedAt when the server committed the change
 * @param version the resource's {@code version} after the change (0 when it has none)
 */
public record ResourceChange(String resource, Operation operation, JsonObject newValue, JsonObject oldValue,
    List<String> changedFields, UUID actor, Instant actedAt, Instant recordedAt, long version) {

  public static final String TYPE_SUFFIX = ".changed.v2";

  /**
   * A resource of a service, and so the type of its change records; {@code idField} names the
   * representation's field that identifies it in the record's subject (a team member has no
   * {@code id} of its own: its {@code user_id}).
   */
  public record Kind(String service, String resource, String idField) {
    public Kind(String service, String resource) {
      this(service, resource, "id");
    }

    public String type() {
      return "com.fashionos." + service + "." + resource + TYPE_SUFFIX;
    }
  }

  public static boolean isResourceChange(String type) {
    return type != null && type.endsWith(TYPE_SUFFIX);
  }

  /** Builds the change from the representations before and after, working out which fields changed. */
  public static ResourceChange of(String resource, Operation operation, JsonObject newValue, JsonObject oldValue,
      UUID actor, Instant actedAt, Instant recordedAt) {
    JsonObject reference = newValue != null ? newValue : oldValue;
    return new ResourceChange(resource, operation, newValue, oldValue,
        RowChange.changedFields(operation, newValue, oldValue), actor, actedAt, recordedAt,
        reference.getLong("version", 0L));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("resource", resource)
        .put("operation", operation.name().toLowerCase(Locale.ROOT))
        .put("new", newValue)
        .put("old", oldValue)
        .put("changed_fields", new JsonArray(changedFields))
        .put("actor", actor == null ? null : actor.toString())
        .put("acted_at", actedAt.toString())
        .put("recorded_at", recordedAt.toString())
        .put("version", version);
  }

  public static ResourceChange fromJson(JsonObject json) {
    String actor = json.getString("actor");
    return new ResourceChange(
        json.getString("resource"),
        Operation.valueOf(json.getString("operation").toUpperCase(Locale.ROOT)),
        json.getJsonObject("new"),
        json.getJsonObject("old"),
        json.getJsonArray("changed_fields", new JsonArray()).stream().map(String::valueOf).toList(),
        actor == null ? null : UUID.fromString(actor),
        Instant.parse(json.getString("acted_at")),
        Instant.parse(json.getString("recorded_at")),
        json.getLong("version", 0L));
  }

  /** The resource as it is now: the new value, or the old one for a delete. */
  public JsonObject value() {
    return newValue != null ? newValue : oldValue;
  }
}
