package com.fashionos.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void admitsTheLimitInAnySixtySecondsAndSaysHowLongToWait() {
    RateLimiter limiter = new RateLimiter(3);
    assertThat(limiter.acquire("ada", 0)).isZero();
    assertThat(limiter.acquire("ada", 10_000)).isZero();
    assertThat(limiter.acquire("ada", 20_000)).isZero();
    // The oldest admitted request (t=0) leaves the window at t=60 s.
    assertThat(limiter.acquire("ada", 30_000)).isEqualTo(30);
    assertThat(limiter.acquire("ada", 59_001)).isEqualTo(1);
    assertThat(limiter.acquire("ada", 60_000)).isZero();
    // Refused requests do not count: the next slot opens when t=10 s leaves the window.
    assertThat(limiter.acquire("ada", 65_000)).isEqualTo(5);
    assertThat(limiter.acquire("grace", 65_000)).isZero();
  }

  @Test
  void aBurstAcrossAMinuteBoundaryIsNotLetThroughTwice() {
    RateLimiter limiter = new RateLimiter(100);
    for (int i = 0; i < 100; i++) assertThat(limiter.acquire("ada", 59_000)).isZero();
    assertThat(limiter.acquire("ada", 61_000)).isEqualTo(58);
  }

  @Test
  void forgetsIdleKeys() {
    RateLimiter limiter = new RateLimiter(5);
    limiter.acquire("ada", 0);
    limiter.acquire("grace", 50_000);
    limiter.prune(60_000);
    assertThat(limiter.trackedKeys()).isEqualTo(1);
    limiter.prune(110_000);
    assertThat(limiter.trackedKeys()).isZero();
  }
}
