package com.fashionos.embedded;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way tests wait for something asynchronous: probe until the answer satisfies the
 * condition or the deadline passes, then fail with the last answer. A probe that throws an
 * {@link AssertionError} or a runtime exception counts as "not yet". No test sleeps a fixed time.
 */
public final class Eventually {
  public static final Duration DEFAULT = Duration.ofSeconds(15);
  private static final long PAUSE_MS = 25;

  private Eventually() {}

  /** The first answer of {@code probe} that {@code done} accepts, within {@link #DEFAULT}. */
  public static <T> T eventually(String what, Supplier<T> probe, Predicate<? super T> done) {
    return eventually(what, DEFAULT, probe, done);
  }

  public static <T> T eventually(String what, Duration within, Supplier<T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + within.toNanos();
    Object last = null;
    while (true) {
      try {
        T value = probe.get();
        if (value != null && done.test(value)) return value;
        last = value;
      } catch (AssertionError | RuntimeException notYet) {
        last = notYet;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + within.toMillis() + " ms waiting for " + what + "; last: " + last);
      }
      pause();
    }
  }

  /** Runs {@code assertion} until it passes, within {@link #DEFAULT}. */
  public static void eventually(String what, Runnable assertion) {
    eventually(what, DEFAULT, assertion);
  }

  public static void eventually(String what, Duration within, Runnable assertion) {
    eventually(what, within, () -> {
      assertion.run();
      return Boolean.TRUE;
    }, ok -> true);
  }

  /**
   * Checks that {@code assertion} keeps holding for the whole of {@code during}: for "nothing
   * happens" claims (nothing was written, no frame arrived), which no condition can end early.
   */
  public static void holdsFor(Duration during, Runnable assertion) {
    long end = System.nanoTime() + during.toNanos();
    do {
      assertion.run();
      pause();
    } while (System.nanoTime() < end);
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
