package com.fashionos.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * What the gateway forwarded, by backend (the routing table's service) and status: its HTTP
 * metrics know only the route {@code /api/*}. A WebSocket tunnel counts once, as long as it lasted.
 */
final class GatewayMetrics {
  private final MeterRegistry registry;

  GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void observe(RoutingContext ctx, ServiceRoute route) {
    long started = System.nanoTime();
    ctx.addEndHandler(done -> Timer.builder("fashionos.gateway.proxied.requests")
        .description("Requests the gateway forwarded to a backend, until their answer ended")
        .tag("backend", route.service())
        .tag("status", Integer.toString(ctx.response().getStatusCode()))
        .register(registry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }
}
