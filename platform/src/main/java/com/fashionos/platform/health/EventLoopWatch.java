package com.fashionos.platform.health;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Liveness: every event loop of the Vert.x instance beats once a second (a task scheduled on the
 * loop itself, so a loop that is busy with something else cannot beat). {@code /health/live} is
 * answered by whichever loop serves the probe: it reports a loop whose last beat is older than
 * {@link #WEDGED_AFTER}. If the wedged loop is the one serving the probe, the probe gets no
 * answer at all and times out, which an orchestrator counts as a failure just the same. One
 * watch per Vert.x instance, however many services share it.
 */
final class EventLoopWatch implements Shareable {
  static final Duration WEDGED_AFTER = Duration.ofSeconds(5);
  private static final long BEAT_MS = 1_000;
  private final AtomicLongArray beats;

  private EventLoopWatch(List<EventExecutor> loops) {
    beats = new AtomicLongArray(loops.size());
    long now = System.nanoTime();
    for (int i = 0; i < loops.size(); i++) {
      int loop = i;
      beats.set(loop, now);
      loops.get(loop).scheduleAtFixedRate(() -> beats.set(loop, System.nanoTime()), BEAT_MS, BEAT_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** The watch of this Vert.x instance, started by the first caller. */
  static EventLoopWatch of(Vertx vertx) {
    return vertx.sharedData().<String, EventLoopWatch>getLocalMap(EventLoopWatch.class.getName())
        .computeIfAbsent("watch", key -> {
          EventLoopGroup group = ((VertxInternal) vertx).eventLoopGroup();
          List<EventExecutor> loops = new ArrayList<>();
          group.forEach(loops::add);
          return new EventLoopWatch(loops);
        });
  }

  /** Which loop has not beaten for longer than {@link #WEDGED_AFTER}, and for how long. */
  Optional<String> wedged() {
    long now = System.nanoTime();
    for (int i = 0; i < beats.length(); i++) {
      long silent = now - beats.get(i);
      if (silent > WEDGED_AFTER.toNanos()) {
        return Optional.of("event loop " + i + " has been blocked for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms");
      }
    }
    return Optional.empty();
  }
}
