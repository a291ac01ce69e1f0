package com.fashionos.platform.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChangeRecordTest {
  private static final UUID ID = UUID.fromString("3f2b8c1e-6a4d-4e9b-9c1f-0a1b2c3d4e5f");
  private static final UUID EVENT = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final Instant TIME = Instant.parse("2026-06-15T12:00:00.456789Z");
  private static final JsonObject DATA = new JsonObject().put("table", "events").put("n", 1);

  private static ChangeRecord record() {
    return new ChangeRecord(ID, "/fashionos/events", "com.fashionos.events.events.changed.v1", "events/" + EVENT,
        TIME, EVENT, DATA);
  }

  @Test
  void toJsonHasTheCloudEventsAttributes() {
    JsonObject json = record().toJson();
    assertThat(json.getString("specversion")).isEqualTo("1.0");
    assertThat(json.getString("id")).isEqualTo(ID.toString());
    assertThat(json.getString("source")).isEqualTo("/fashionos/events");
    assertThat(json.getString("type")).isEqualTo("com.fashionos.events.events.changed.v1");
    assertThat(json.getString("time")).isEqualTo("2026-06-15T12:00:00.456789Z");
    assertThat(json.getString("subject")).isEqualTo("events/" + EVENT);
    assertThat(json.getString("datacontenttype")).isEqualTo("application/json");
    assertThat(json.getString("fashionoseventid")).isEqualTo(EVENT.toString());
    assertThat(json.getJsonObject("data")).isEqualTo(DATA);
    assertThat(json.fieldNames()).containsExactlyInAnyOrder("specversion", "id", "source", "type", "time",
        "subject", "datacontenttype", "fashionoseventid", "data");
  }

  @Test
  void optionalAttributesAreOmittedWhenAbsent() {
    JsonObject json = new ChangeRecord(ID, "s", "t", null, TIME, null, DATA).toJson();
    assertThat(json.containsKey("subject")).isFalse();
    assertThat(json.containsKey("fashionoseventid")).isFalse();
  }

  @Test
  void jsonRoundTrip() {
    ChangeRecord back = ChangeRecord.fromJson(new JsonObject(record().toJson().encode()));
    assertThat(back).isEqualTo(record());
  }

  @Test
  void jsonRoundTripWithoutOptionalAttributes() {
    ChangeRecord record = new ChangeRecord(ID, "s", "t", null, TIME, null, DATA);
    assertThat(ChangeRecord.fromJson(new JsonObject(record.toJson().encode()))).isEqualTo(record);
  }

  @Test
  void missingDataReadsAsEmpty() {
    JsonObject json = record().toJson();
    json.remove("data");
    assertThat(ChangeRecord.fromJson(json).data()).isEqualTo(new JsonObject());
  }

  @Test
  void nonCloudEventJsonIsNull() {
    assertThat(ChangeRecord.fromJson(new JsonObject())).isNull();
    assertThat(ChangeRecord.fromJson(new JsonObject().put("table", "events").put("operation", "insert"))).isNull();
    assertThat(ChangeRecord.fromJson(record().toJson().put("specversion", "0.3"))).isNull();
    assertThat(ChangeRecord.fromJson(record().toJson().put("id", "not-a-uuid"))).isNull();
    assertThat(ChangeRecord.fromJson(record().toJson().put("time", "yesterday"))).isNull();
  }

  @Test
  void keyIsTheEventIdElseTheRecordId() {
    assertThat(record().key()).isEqualTo(EVENT.toString());
    assertThat(new ChangeRecord(ID, "s", "t", null, TIME, null, DATA).key()).isEqualTo(ID.toString());
  }

  @Test
  void ofGivesAFreshIdAndCurrentTime() {
    Instant before = Instant.now();
    ChangeRecord a = ChangeRecord.of("s", "t", null, EVENT, DATA);
    ChangeRecord b = ChangeRecord.of("s", "t", null, EVENT, DATA);
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(a.time()).isBetween(before, Instant.now());
  }
}
