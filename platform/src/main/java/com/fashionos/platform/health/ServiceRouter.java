package com.fashionos.platform.health;

import com.fashionos.platform.http.FailureHandler;
import com.fashionos.platform.http.RequestIds;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The router every service starts from: request ids, a 1 MiB body limit, health probes,
 * Prometheus metrics and the JSON failure handler. Readiness turns on only when the service
 * says every part of it is up.
 */
public final class ServiceRouter {
  public static final long MAX_BODY_BYTES = 1024 * 1024;
  private final Router router;
  private final AtomicBoolean ready = new AtomicBoolean();

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
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    router.get("/health/ready").handler(ctx -> ctx.response().setStatusCode(ready.get() ? 200 : 503)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", ready.get() ? "ready" : "starting").encode()));
    router.get("/metrics").handler(PrometheusScrapingHandler.create());
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
}
