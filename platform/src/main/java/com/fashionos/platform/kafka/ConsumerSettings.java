package com.fashionos.platform.kafka;

import com.fashionos.platform.config.Env;
import java.time.Duration;

/**
 * How hard a consumer tries a record before parking it, and when a consumer that makes no
 * progress counts as stuck (readiness then turns 503).
 *
 * @param attempts tries of a record's effect before it is parked (the first one included)
 * @param firstBackoff the pause after the first failed try, doubled after each further one
 * @param stuckAfter how long a consumer may go without finishing a poll or a record
 * @param dedupeRetention how long a record's id is kept in {@code processed_records}: a copy
 *     arriving later is applied again (docs/operations.md, "Deduplication window")
 */
public record ConsumerSettings(int attempts, Duration firstBackoff, Duration stuckAfter, Duration dedupeRetention) {
  public static final ConsumerSettings DEFAULTS = new ConsumerSettings(4, Duration.ofMillis(100), Duration.ofSeconds(30),
      Duration.ofDays(7));

  public ConsumerSettings {
    if (attempts < 1) throw new IllegalArgumentException("CONSUMER_ATTEMPTS must be at least 1, got " + attempts);
    if (firstBackoff.isNegative()) throw new IllegalArgumentException("CONSUMER_BACKOFF_MS must not be negative");
    if (stuckAfter.isNegative() || stuckAfter.isZero()) throw new IllegalArgumentException("CONSUMER_STUCK_AFTER_MS must be positive");
    if (dedupeRetention.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("PROCESSED_RECORDS_RETENTION_HOURS must be at least 1");
    }
  }

  public static ConsumerSettings fromEnv(Env env) {
    return new ConsumerSettings(
        env.getInt("CONSUMER_ATTEMPTS", DEFAULTS.attempts()),
        Duration.ofMillis(env.getInt("CONSUMER_BACKOFF_MS", (int) DEFAULTS.firstBackoff().toMillis())),
        Duration.ofMillis(env.getInt("CONSUMER_STUCK_AFTER_MS", (int) DEFAULTS.stuckAfter().toMillis())),
        Duration.ofHours(env.getInt("PROCESSED_RECORDS_RETENTION_HOURS", (int) DEFAULTS.dedupeRetention().toHours())));
  }

  /** The pause after the {@code attempt}th failed try: 100, 200, 400 ms... capped at 5 s. */
  Duration backoff(int attempt) {
    long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 16);
    return Duration.ofMillis(Math.min(millis, 5_000));
  }
}
