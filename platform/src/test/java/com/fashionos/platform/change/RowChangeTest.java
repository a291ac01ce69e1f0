package com.fashionos.platform.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowChangeTest {
  private static final UUID ACTOR = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final Instant ACTED = Instant.parse("2026-06-15T11:59:00.123Z");
  private static final Instant RECORDED = Instant.parse("2026-06-15T12:00:00Z");

  private static JsonObject before() {
    return new JsonObject()
        .put("id", "e1").put("name", "Spring Show").put("venue", "Hall A")
        .put("tags", new JsonArray().add("a")).put("capacity", 100)
        .put("updated_at", "2026-06-14T00:00:00Z").put("version", 3);
  }

  @Test
  void updateListsOnlyChangedFieldsIgnoringBookkeeping() {
    JsonObject after = before().put("name", "Summer Show").put("tags", new JsonArray().add("a").add("b"))
        .put("updated_at", "2026-06-15T12:00:00Z").put("version", 4);
    RowChange change = RowChange.of("events", Operation.UPDATE, after, before(), ACTOR, ACTED, RECORDED);
    assertThat(change.changedFields()).containsExactly("name", "tags");
    assertThat(change.version()).isEqualTo(4);
    assertThat(change.row()).isEqualTo(after);
  }

  @Test
  void updateChangingOnlyBookkeepingHasNoChangedFields() {
    JsonObject after = before().put("updated_at", "2026-06-15T12:00:00Z").put("version", 4);
    RowChange change = RowChange.of("events", Operation.UPDATE, after, before(), ACTOR, ACTED, RECORDED);
    assertThat(change.changedFields()).isEmpty();
  }

  @Test
  void updateSettingAFieldToNullIsAChange() {
    JsonObject after = before().putNull("venue");
    RowChange change = RowChange.of("events", Operation.UPDATE, after, before(), ACTOR, ACTED, RECORDED);
    assertThat(change.changedFields()).containsExactly("venue");
  }

  @Test
  void insertListsEveryFieldButBookkeeping() {
    RowChange change = RowChange.of("events", Operation.INSERT, before(), null, ACTOR, ACTED, RECORDED);
    assertThat(change.changedFields()).containsExactly("id", "name", "venue", "tags", "capacity");
    assertThat(change.version()).isEqualTo(3);
  }

  @Test
  void deleteListsTheOldRowsFieldsAndRowIsTheOldRow() {
    RowChange change = RowChange.of("events", Operation.DELETE, null, before(), ACTOR, ACTED, RECORDED);
    assertThat(change.changedFields()).containsExactly("id", "name", "venue", "tags", "capacity");
    assertThat(change.row()).isEqualTo(before());
  }

  @Test
  void rowWithoutVersionHasVersionZero() {
    RowChange change = RowChange.of("event_tags", Operation.INSERT, new JsonObject().put("id", "t"), null,
        ACTOR, ACTED, RECORDED);
    assertThat(change.version()).isZero();
  }

  @Test
  void toJsonShape() {
    JsonObject after = before().put("name", "Summer Show");
    JsonObject json = RowChange.of("events", Operation.UPDATE, after, before(), ACTOR, ACTED, RECORDED).toJson();
    assertThat(json.getString("table")).isEqualTo("events");
    assertThat(json.getString("operation")).isEqualTo("update");
    assertThat(json.getJsonObject("new")).isEqualTo(after);
    assertThat(json.getJsonObject("old")).isEqualTo(before());
    assertThat(json.getJsonArray("changed_fields")).isEqualTo(new JsonArray().add("name"));
    assertThat(json.getString("actor")).isEqualTo(ACTOR.toString());
    assertThat(json.getString("acted_at")).isEqualTo("2026-06-15T11:59:00.123Z");
    assertThat(json.getString("recorded_at")).isEqualTo("2026-06-15T12:00:00Z");
    assertThat(json.getLong("version")).isEqualTo(3L);
  }

  @Test
  void jsonRoundTrip() {
    RowChange change = RowChange.of("events", Operation.UPDATE, before().put("name", "X"), before(), ACTOR, ACTED,
        RECORDED);
    RowChange back = RowChange.fromJson(new JsonObject(change.toJson().encode()));
    assertThat(back).isEqualTo(change);
  }

  @Test
  void jsonRoundTripWithoutActorOrOldRow() {
    RowChange change = RowChange.of("events", Operation.INSERT, before(), null, null, ACTED, RECORDED);
    RowChange back = RowChange.fromJson(new JsonObject(change.toJson().encode()));
    assertThat(back).isEqualTo(change);
    assertThat(back.actor()).isNull();
    assertThat(back.oldRow()).isNull();
    assertThat(back.operation()).isEqualTo(Operation.INSERT);
  }

  @Test
  void typeNames() {
    assertThat(RowChange.type("events", "event_team")).isEqualTo("com.fashionos.events.event_team.changed.v1");
    assertThat(RowChange.isRowChange("com.fashionos.events.event_team.changed.v1")).isTrue();
    assertThat(RowChange.isRowChange("com.fashionos.events.event.created.v1")).isFalse();
    assertThat(RowChange.isRowChange(null)).isFalse();
  }
}
