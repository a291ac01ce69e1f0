package com.fashionos.platform.change;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * The CloudEvents 1.0 envelope (structured JSON mode) of everything published to Kafka.
 * {@code eventId} is the FashionOS event the record belongs to and the Kafka key, so all changes
 * of one event keep their order within one partition.
 */
public record ChangeRecord(UUID id, String source, String type, String subject, Instant time, UUID eventId,
    JsonObject data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/cloudevents+json";

  public static ChangeRecord of(String source, String type, String subject, UUID eventId, JsonObject data) {
    return new ChangeRecord(UUID.randomUUID(), source, type, subject, Instant.now(), eventId, data);
  }

  public String key() {
    return eventId == null ? id.toString() : eventId.toString();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("specversion", SPEC_VERSION)
        .put("id", id.toString())
        .put("source", source)
        .put("type", type)
        .put("time", time.toString())
        .put("datacontenttype", "application/json");
    if (subject != null) json.put("subject", subject);
    if (eventId != null) json.put("fashionoseventid", eventId.toString());
    return json.put("data", data);
  }

  /** Reads a record; null when the JSON is not a CloudEvent of ours. */
  public static ChangeRecord fromJson(JsonObject json) {
    try {
      if (!SPEC_VERSION.equals(json.getString("specversion"))) return null;
      String eventId = json.getString("fashionoseventid");
      return new ChangeRecord(
          UUID.fromString(json.getString("id")),
          json.getString("source"),
          json.getString("type"),
          json.getString("subject"),
          Instant.parse(json.getString("time")),
          eventId == null ? null : UUID.fromString(eventId),
          json.getJsonObject("data", new JsonObject()));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
