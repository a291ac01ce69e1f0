package com.fashionos.platform.health;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * A service's main verticle as the {@link Launcher} runs it: its {@code migrate} mode and the
 * steps of its stop on SIGTERM.
 */
public interface Lifecycle extends Deployable {
  /** The {@code migrate} mode: runs the service's schema migrations, blocking; nothing when it has no database. */
  default void migrate() {}

  /** The stop's first step: readiness answers 503 while everything else goes on serving. */
  void drain();

  /**
   * Stops taking connections and lets requests in flight finish within {@code grace}, then stops
   * the service's consumers and relays and releases what it holds, so another replica takes over
   * at once. Vert.x itself is closed afterwards.
   */
  Future<Void> shutdown(Duration grace);
}
