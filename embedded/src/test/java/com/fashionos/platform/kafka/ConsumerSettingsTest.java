package com.fashionos.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.platform.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The consumers' settings read from the environment: defaults, and a refusal naming the variable. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConsumerSettingsTest {
  @Test
  void withNothingSetTheDedupeWindowIsAWeek() {
    assertThat(ConsumerSettings.fromEnv(new Env(Map.of())).dedupeRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(ConsumerSettings.fromEnv(new Env(Map.of("PROCESSED_RECORDS_RETENTION_HOURS", "48"))).dedupeRetention())
        .isEqualTo(Duration.ofHours(48));
  }

  @Test
  void aDedupeWindowUnderAnHourIsRefusedByName() {
    for (String hours : new String[] {"0", "-3"}) {
      assertThatThrownBy(() -> ConsumerSettings.fromEnv(new Env(Map.of("PROCESSED_RECORDS_RETENTION_HOURS", hours))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PROCESSED_RECORDS_RETENTION_HOURS");
    }
  }
}
