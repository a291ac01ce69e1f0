package com.fashionos.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code limit} requests per key in any 60 seconds (a sliding window, exact: a burst at
 * the end of one minute and the start of the next is not let through twice). Each key keeps the
 * times of its last {@code limit} admitted requests in a ring. Not thread-safe: used from the
 * gateway verticle's event loop only.
 */
final class RateLimiter {
  static final long WINDOW_MS = 60_000;
  private final int limit;
  private final Map<String, Window> windows = new HashMap<>();

  RateLimiter(int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be >= 1");
    this.limit = limit;
  }

  /** Admits a request at {@code nowMs}: 0 when admitted, else the seconds until one would be. */
  long acquire(String key, long nowMs) {
    Window w = windows.computeIfAbsent(key, k -> new Window(limit));
    if (w.count == limit) {
      long oldest = w.times[w.next];
      long waitMs = oldest + WINDOW_MS - nowMs;
      if (waitMs > 0) return (waitMs + 999) / 1000;
    } else {
      w.count++;
    }
    w.times[w.next] = nowMs;
    w.next = (w.next + 1) % limit;
    return 0;
  }

  /** Forgets keys whose newest request left the window; called periodically so memory stays bounded. */
  void prune(long nowMs) {
    windows.values().removeIf(w -> w.times[(w.next + limit - 1) % limit] <= nowMs - WINDOW_MS);
  }

  int trackedKeys() {
    return windows.size();
  }

  private static final class Window {
    final long[] times;
    int next;
    int count;

    Window(int limit) {
      times = new long[limit];
    }
  }
}
