package com.fashionos.platform.health;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.metrics.MetricsProvider;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.micrometer.impl.MicrometerMetrics;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vert.x options with Prometheus metrics on, served at {@code /metrics} by {@link ServiceRouter},
 * and the registry each Vert.x instance's meters go to. Every instance gets a registry of its own
 * (tests and standalone run several in one JVM; a shared one would keep the gauges of a closed
 * instance). HTTP server metrics carry the route template Vert.x-web matched, never the raw path
 * (docs/operations.md, "Metrics and alerts").
 */
public final class Metrics {
  /** The HTTP route label of a request no route with a path took (a 404, a refused upgrade). */
  public static final String UNMATCHED = "unmatched";
  private static final String HTTP_LATENCY = "vertx.http.server.response.time";
  /** Latency buckets (seconds): the API's requests, and SSE streams that last minutes. */
  private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  private static final AtomicLong INSTANCES = new AtomicLong();
  /** The services' own meters when Vert.x runs without metrics (most tests): one registry per instance. */
  private static final Map<Vertx, MeterRegistry> IN_MEMORY = Collections.synchronizedMap(new WeakHashMap<>());

  private Metrics() {}

  /** Options for one Vert.x instance: call once per instance. */
  public static VertxOptions vertxOptions() {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        .setRegistryName("fashionos-" + INSTANCES.incrementAndGet())
        // The defaults plus the route template; never HTTP_PATH, whose values are unbounded.
        .addLabels(Label.HTTP_ROUTE)
        .setEnabled(true);
    // Registered under the options' name before Vert.x starts, so the filters precede every meter.
    BackendRegistries.setupBackend(options, prometheus());
    return new VertxOptions().setMetricsOptions(options);
  }

  private static PrometheusMeterRegistry prometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config()
        .meterFilter(MeterFilter.replaceTagValues(Label.HTTP_ROUTE.toString(), Metrics::routeTemplate))
        .meterFilter(new MeterFilter() {
          @Override
          public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (!id.getName().equals(HTTP_LATENCY)) return config;
            return DistributionStatisticConfig.builder()
                .serviceLevelObjectives(seconds(LATENCY_BUCKETS))
                .build().merge(config);
          }
        });
    return registry;
  }

  /**
   * Vert.x joins the names of every route a request matched with {@code >} ({@code /api/*} for
   * authentication, then {@code /api/v1/events/:eventId}): the last is the one that answered.
   */
  static String routeTemplate(String routes) {
    if (routes == null || routes.isEmpty()) return UNMATCHED;
    return routes.substring(routes.lastIndexOf('>') + 1);
  }

  private static double[] seconds(double[] buckets) {
    double[] nanos = new double[buckets.length];
    for (int i = 0; i < buckets.length; i++) nanos[i] = buckets[i] * Duration.ofSeconds(1).toNanos();
    return nanos;
  }

  /**
   * The registry for the services' own meters on this Vert.x instance: the Prometheus one served
   * at {@code /metrics} when metrics are on, else one kept in memory for the instance.
   */
  public static MeterRegistry registry(Vertx vertx) {
    if (vertx instanceof MetricsProvider provider && provider.getMetrics() instanceof MicrometerMetrics metrics) {
      return metrics.registry();
    }
    return IN_MEMORY.computeIfAbsent(vertx, v -> new SimpleMeterRegistry());
  }
}
