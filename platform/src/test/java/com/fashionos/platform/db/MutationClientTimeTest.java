package com.fashionos.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiException.FieldIssue;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MutationClientTimeTest {
  private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

  @Test
  void absentOrBlankHeaderIsNow() {
    assertThat(Mutation.clientTime(null, NOW)).isEqualTo(NOW);
    assertThat(Mutation.clientTime("", NOW)).isEqualTo(NOW);
    assertThat(Mutation.clientTime("   ", NOW)).isEqualTo(NOW);
  }

  @Test
  void isoWithZuluAndOffset() {
    assertThat(Mutation.clientTime("2026-06-15T10:30:00Z", NOW)).isEqualTo(Instant.parse("2026-06-15T10:30:00Z"));
    assertThat(Mutation.clientTime("2026-06-15T12:30:00.123+02:00", NOW))
        .isEqualTo(Instant.parse("2026-06-15T10:30:00.123Z"));
  }

  @Test
  void epochMilliseconds() {
    Instant oneHourAgo = NOW.minus(Duration.ofHours(1)).plusMillis(7);
    assertThat(Mutation.clientTime(Long.toString(oneHourAgo.toEpochMilli()), NOW)).isEqualTo(oneHourAgo);
  }

  @Test
  void futureIsClampedToNow() {
    assertThat(Mutation.clientTime("2026-06-15T12:00:01Z", NOW)).isEqualTo(NOW);
    assertThat(Mutation.clientTime(Long.toString(NOW.plusSeconds(3600).toEpochMilli()), NOW)).isEqualTo(NOW);
  }

  @Test
  void olderThanSevenDaysIsClampedToSevenDaysAgo() {
    Instant weekAgo = NOW.minus(Duration.ofDays(7));
    assertThat(Mutation.clientTime("2026-06-01T00:00:00Z", NOW)).isEqualTo(weekAgo);
    assertThat(Mutation.clientTime("0", NOW)).isEqualTo(weekAgo);
  }

  @Test
  void boundariesAreKept() {
    Instant weekAgo = NOW.minus(Duration.ofDays(7));
    assertThat(Mutation.clientTime(weekAgo.toString(), NOW)).isEqualTo(weekAgo);
    assertThat(Mutation.clientTime(weekAgo.plusMillis(1).toString(), NOW)).isEqualTo(weekAgo.plusMillis(1));
    assertThat(Mutation.clientTime(NOW.toString(), NOW)).isEqualTo(NOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-06-15T10:30:00", "2026-06-15", "-1000", "1.5e12",
      "99999999999999999999999"})
  void garbageIsA400NamingTheHeader(String header) {
    ApiException e = Assertions.catchThrowableOfType(ApiException.class, () -> Mutation.clientTime(header, NOW));
    assertThat(e).as("exception for %s", header).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("X-Client-Timestamp");
    assertThat(e.details()).extracting(FieldIssue::field).containsExactly("X-Client-Timestamp");
  }
}
