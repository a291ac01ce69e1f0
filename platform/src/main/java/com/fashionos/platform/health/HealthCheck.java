package com.fashionos.platform.health;

import io.vertx.core.Future;
import java.time.Duration;

/** One condition readiness depends on: succeeds while it holds, fails with the reason when not. */
@FunctionalInterface
public interface HealthCheck {
  Future<Void> check();

  /**
   * The same check, run at most once per {@code ttl} however often probes come (a probe of every
   * replica every second must not load the database); probes meanwhile share the last answer.
   */
  static HealthCheck cached(Duration ttl, HealthCheck check) {
    return new HealthCheck() {
      private Future<Void> last;
      private long checkedAt;

      @Override
      public synchronized Future<Void> check() {
        long now = System.nanoTime();
        if (last == null || now - checkedAt > ttl.toNanos()) {
          last = check.check();
          checkedAt = now;
        }
        return last;
      }
    };
  }
}
