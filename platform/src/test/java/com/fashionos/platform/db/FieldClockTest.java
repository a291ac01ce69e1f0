package com.fashionos.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldClockTest {
  private static final Instant T = Instant.parse("2026-06-15T12:00:00Z");

  @Test
  void fieldWithoutPreviousTimeWins() {
    assertThat(FieldClock.winners(new JsonObject(), List.of("name", "venue"), T)).containsExactly("name", "venue");
    assertThat(FieldClock.winners(null, List.of("name"), T)).containsExactly("name");
  }

  @Test
  void equalTimeWinsLaterArrival() {
    JsonObject times = new JsonObject().put("name", T.toString());
    assertThat(FieldClock.winners(times, List.of("name"), T)).containsExactly("name");
  }

  @Test
  void olderWriteLosesOnlyThatField() {
    JsonObject times = new JsonObject()
        .put("name", T.plusSeconds(1).toString())
        .put("venue", T.minusSeconds(1).toString());
    assertThat(FieldClock.winners(times, List.of("name", "venue", "budget"), T)).containsExactly("venue", "budget");
  }

  @Test
  void newerWriteWins() {
    JsonObject times = new JsonObject().put("name", T.minusMillis(1).toString());
    assertThat(FieldClock.winners(times, List.of("name"), T)).containsExactly("name");
  }

  @Test
  void unreadableStoredTimeDoesNotBlockTheWrite() {
    JsonObject times = new JsonObject().put("name", "garbage");
    assertThat(FieldClock.winners(times, List.of("name"), T)).containsExactly("name");
  }

  @Test
  void winnersKeepRequestOrder() {
    assertThat(FieldClock.winners(new JsonObject(), List.of("c", "a", "b"), T)).containsExactly("c", "a", "b");
  }

  @Test
  void stampRecordsTheActedAtTimePerField() {
    JsonObject stamps = FieldClock.stamp(List.of("name", "venue"), T);
    assertThat(stamps).isEqualTo(new JsonObject().put("name", "2026-06-15T12:00:00Z").put("venue", "2026-06-15T12:00:00Z"));
    // A stamp read back makes an older write lose and an equal one win.
    assertThat(FieldClock.winners(stamps, List.of("name"), T.minusNanos(1000))).isEmpty();
    assertThat(FieldClock.winners(stamps, List.of("name"), T)).containsExactly("name");
  }

  @Test
  void stampOfNoFieldsIsEmpty() {
    assertThat(FieldClock.stamp(List.of(), T).isEmpty()).isTrue();
  }
}
