package com.fashionos.platform.change;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Version 1 of "a change lost to a newer one" ({@code com.fashionos.<service>.change-superseded.v1}):
 * an offline write that acted before the last accepted change of some fields did not overwrite
 * them. Published so the team's feed can say so; the row itself did not change for these fields.
 */
public record ChangeSuperseded(String table, String rowId, String rowName, List<String> fields, UUID actor,
    Instant actedAt, Instant recordedAt) {

  public static final String TYPE_SUFFIX = ".change-superseded.v1";

  public static String type(String service) {
    return "com.fashionos." + service + TYPE_SUFFIX;
  }

  public static boolean isChangeSuperseded(String type) {
    return type != null && type.endsWith(TYPE_SUFFIX);
  }

  public JsonObject toJson() {
    return new JsonObject().put("table", table).put("row_id", rowId).put("row_name", rowName)
        .put("fields", new JsonArray(fields)).put("actor", actor.toString()).put("acted_at", actedAt.toString())
        .put("recorded_at", recordedAt.toString());
  }

  public static ChangeSuperseded fromJson(JsonObject json) {
    return new ChangeSuperseded(json.getString("table"), json.getString("row_id"), json.getString("row_name"),
        json.getJsonArray("fields", new JsonArray()).stream().map(String::valueOf).toList(),
        UUID.fromString(json.getString("actor")), Instant.parse(json.getString("acted_at")),
        Instant.parse(json.getString("recorded_at")));
  }
}
