package com.fashionos.platform.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;

/** Vert.x options with Prometheus metrics on, served at {@code /metrics} by {@link ServiceRouter}. */
public final class Metrics {
  /** Where the services' own meters go when Vert.x runs without metrics (most tests). */
  private static final MeterRegistry IN_MEMORY = new SimpleMeterRegistry();

  private Metrics() {}

  public static VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        .setEnabled(true));
  }

  /** The registry for the services' own meters: the Prometheus one served at {@code /metrics} when metrics are on. */
  public static MeterRegistry registry() {
    MeterRegistry prometheus = BackendRegistries.getDefaultNow();
    return prometheus != null ? prometheus : IN_MEMORY;
  }
}
