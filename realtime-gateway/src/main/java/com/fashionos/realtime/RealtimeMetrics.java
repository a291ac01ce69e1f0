package com.fashionos.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's Prometheus meters, labelled {@code transport} ({@value #WEBSOCKET} or {@value #SSE}):
 * open streams, their subscriptions, messages written (a counter: frames per second is its rate)
 * and subscriptions dropped because the client could not keep up. Updated on the event loop,
 * read by the scraper.
 */
final class RealtimeMetrics {
  static final String WEBSOCKET = "websocket";
  static final String SSE = "sse";

  private record Meters(AtomicLong connections, AtomicLong subscriptions, Counter frames, Counter slowDrops) {}

  private final Map<String, Meters> byTransport;

  RealtimeMetrics(MeterRegistry registry) {
    byTransport = Map.of(WEBSOCKET, meters(registry, WEBSOCKET), SSE, meters(registry, SSE));
  }

  private static Meters meters(MeterRegistry registry, String transport) {
    AtomicLong connections = new AtomicLong();
    AtomicLong subscriptions = new AtomicLong();
    Gauge.builder("fashionos.realtime.connections", connections, AtomicLong::get).tag("transport", transport)
        .strongReference(true).description("Open WebSocket connections or SSE streams").register(registry);
    Gauge.builder("fashionos.realtime.subscriptions", subscriptions, AtomicLong::get).tag("transport", transport)
        .strongReference(true).description("Event subscriptions of the open streams").register(registry);
    return new Meters(connections, subscriptions,
        Counter.builder("fashionos.realtime.frames.sent").tag("transport", transport)
            .description("Messages written to clients (change frames and control messages)").register(registry),
        Counter.builder("fashionos.realtime.slow.client.drops").tag("transport", transport)
            .description("Subscriptions ended with resync_required slow_client: the client could not keep up")
            .register(registry));
  }

  void opened(String transport) {
    byTransport.get(transport).connections().incrementAndGet();
  }

  void closed(String transport) {
    byTransport.get(transport).connections().decrementAndGet();
  }

  void subscribed(String transport) {
    byTransport.get(transport).subscriptions().incrementAndGet();
  }

  void unsubscribed(String transport) {
    byTransport.get(transport).subscriptions().decrementAndGet();
  }

  void sent(String transport) {
    byTransport.get(transport).frames().increment();
  }

  void slowClientDropped(String transport) {
    byTransport.get(transport).slowDrops().increment();
  }
}
