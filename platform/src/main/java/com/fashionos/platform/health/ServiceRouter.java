package com.fashionos.platform.health;

import com.fashionos.platform.http.FailureHandler;
import com.fashionos.platform.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The router every service starts from: request ids, a 1 MiB body limit, health probes,
 * Prometheus metrics and the JSON failure handler. Readiness turns on only when the service
 * says every part of it is up, and stays on only while every readiness check holds (503 naming
 * the failed ones otherwise); liveness fails only when an event loop is wedged
 * ({@link EventLoopWatch}).
 */
public final class ServiceRouter {
  public static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
  private final Router router;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Map<String, HealthCheck> checks = Collections.synchronizedMap(new LinkedHashMap<>());
  private final MeterRegistry meters;

  public ServiceRouter(Vertx vertx) {
    this(vertx, ctx -> false);
  }

  /**
   * {@code streamed} requests skip the 1 MiB body handler: their route reads or forwards the body
   * itself (a proxy, an upload). Test {@code ctx.normalizedPath()}, the path routes match. Such a
   * route must pause the request before going asynchronous, and bounding the body is its business.
   */
  public ServiceRouter(Vertx vertx, Predicate<RoutingContext> streamed) {
    router = Router.router(vertx);
    router.route().handler(new RequestIds());
    EventLoopWatch loops = EventLoopWatch.of(vertx);
    router.get("/health/live").handler(ctx -> loops.wedged().ifPresentOrElse(
        reason -> probeAnswer(ctx, 503, new JsonObject().put("status", "wedged").put("reason", reason)),
        () -> probeAnswer(ctx, 200, new JsonObject().put("status", "up"))));
    router.get("/health/ready").handler(this::readiness);
    meters = Metrics.registry(vertx);
    if (meters instanceof PrometheusMeterRegistry prometheus) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    }
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    router.route().handler(ctx -> {
      if (streamed.test(ctx)) ctx.next();
      else bodies.handle(ctx);
    });
    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    // A path or method no route takes answers JSON too, not vertx-web's HTML page.
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
  }

  public Router router() {
    return router;
  }

  public void markReady() {
    ready.set(true);
  }

  /** Readiness answers 503 from now on, while everything else still serves (the first step of a stop). */
  public void markStopping() {
    stopping.set(true);
  }

  /** Adds a condition readiness depends on once the service has started; {@code name} is what a 503 reports. */
  public void readinessCheck(String name, HealthCheck check) {
    checks.put(name, check);
    failures(name); // at 0 from the start, so rate() sees the first failure
  }

  private Counter failures(String check) {
    return Counter.builder("fashionos.readiness.failures").description("Readiness probes that found the check failing")
        .tag("check", check).register(meters);
  }

  private void readiness(RoutingContext ctx) {
    if (stopping.get()) {
      probeAnswer(ctx, 503, new JsonObject().put("status", "stopping"));
      return;
    }
    if (!ready.get()) {
      probeAnswer(ctx, 503, new JsonObject().put("status", "starting"));
      return;
    }
    Map<String, Future<Void>> results = new LinkedHashMap<>();
    // A check that hangs must not hang the probe: it fails after CHECK_TIMEOUT.
    checks.forEach((name, check) -> results.put(name, check.check()
        .timeout(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
    Future.join(List.copyOf(results.values())).onComplete(all -> {
      JsonArray failed = new JsonArray();
      results.forEach((name, result) -> {
        if (result.failed()) {
          failed.add(new JsonObject().put("check", name).put("reason", result.cause().getMessage()));
          failures(name).increment();
        }
      });
      if (failed.isEmpty()) probeAnswer(ctx, 200, new JsonObject().put("status", "ready"));
      else probeAnswer(ctx, 503, new JsonObject().put("status", "not_ready").put("failed", failed));
    });
  }

  private static void probeAnswer(RoutingContext ctx, int status, JsonObject body) {
    // A probe answer is about this instant: never from a cache.
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
