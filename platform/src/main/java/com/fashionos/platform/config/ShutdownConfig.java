package com.fashionos.platform.config;

import java.time.Duration;

/**
 * How a service stops on SIGTERM (docs/operations.md, "Start and stop").
 *
 * @param delay how long readiness answers 503 while the service still serves, so the endpoints
 *     controller takes the pod out of its Service before it stops taking connections
 * @param grace how long requests in flight then have to finish
 */
public record ShutdownConfig(Duration delay, Duration grace) {
  public static final ShutdownConfig DEFAULTS = new ShutdownConfig(Duration.ofMillis(3_000), Duration.ofMillis(20_000));

  public ShutdownConfig {
    if (delay.isNegative()) throw new IllegalArgumentException("SHUTDOWN_DELAY_MS must be >= 0");
    if (grace.isNegative()) throw new IllegalArgumentException("SHUTDOWN_GRACE_MS must be >= 0");
  }

  /** SHUTDOWN_DELAY_MS (3000) and SHUTDOWN_GRACE_MS (20000). */
  public static ShutdownConfig fromEnv(Env env) {
    return new ShutdownConfig(Duration.ofMillis(env.getInt("SHUTDOWN_DELAY_MS", (int) DEFAULTS.delay().toMillis())),
        Duration.ofMillis(env.getInt("SHUTDOWN_GRACE_MS", (int) DEFAULTS.grace().toMillis())));
  }
}
