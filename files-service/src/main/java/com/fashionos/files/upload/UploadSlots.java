package com.fashionos.files.upload;

import com.fashionos.platform.http.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The uploads in progress, per user and in all, against {@link UploadLimits}; their number is the
 * gauge {@value #GAUGE} (how close the service is to answering 503).
 */
final class UploadSlots {
  static final String GAUGE = "fashionos.files.uploads.in.progress";
  /** What a refused client is told to wait before trying again, in seconds. */
  static final int RETRY_AFTER_SECONDS = 5;
  private final int max;
  private final int perUser;
  private final Map<UUID, Integer> byUser = new HashMap<>();
  private int total;

  UploadSlots(UploadLimits limits, MeterRegistry registry) {
    this.max = limits.maxConcurrent();
    this.perUser = limits.maxPerUser();
    Gauge.builder(GAUGE, this, UploadSlots::inProgress).description("Uploads holding a slot (being received or stored)")
        .strongReference(true).register(registry);
  }

  private synchronized int inProgress() {
    return total;
  }

  /** A slot for the user, or 429 (theirs are taken) / 503 (all are); run the answer to give it back (once). */
  synchronized Runnable take(UUID user) {
    int mine = byUser.getOrDefault(user, 0);
    if (mine >= perUser) {
      throw new ApiException(429, "too_many_uploads", "You have " + perUser
          + " uploads in progress, the most one user may send at once; send this one when one of them has finished");
    }
    if (total >= max) {
      throw new ApiException(503, "uploads_busy", "The file service is receiving as many uploads as it takes at once; try again shortly");
    }
    byUser.put(user, mine + 1);
    total++;
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (!released.getAndSet(true)) release(user);
    };
  }

  private synchronized void release(UUID user) {
    total--;
    byUser.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
  }
}
