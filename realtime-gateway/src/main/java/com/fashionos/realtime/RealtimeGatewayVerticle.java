package com.fashionos.realtime;

import com.fashionos.platform.http.InvalidRequests;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.health.Lifecycle;
import com.fashionos.platform.health.Metrics;
import com.fashionos.platform.health.ServiceRouter;
import com.fashionos.platform.kafka.KafkaClients;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The realtime gateway: pushes every change of the events a user may read over a WebSocket at
 * {@value #PATH}, with Server-Sent Events and polling fallbacks ({@link HttpEndpoints}). Starts in this order: token checks, the change-topic reader (positioned at the
 * end of every partition), then HTTP; {@code /health/ready} turns 200 only after all of it.
 */
public final class RealtimeGatewayVerticle extends VerticleBase implements Lifecycle {
  public static final String PATH = "/realtime/v1";
  private final RealtimeConfig config;
  private Subscriptions registry;
  private WebClient client;
  private ChangeFeed feed;
  private PresenceBoard presence;
  private ServiceRouter service;
  private HttpServer server;
  private long idleSweep = -1;
  private Future<Void> stopping;

  public RealtimeGatewayVerticle(RealtimeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    // The upgrade request must reach toWebSocket unread, so it skips the body handler.
    service = new ServiceRouter(vertx, ctx -> PATH.equals(ctx.normalizedPath()));
    registry = new Subscriptions(new RealtimeMetrics(Metrics.registry(vertx)));
    client = WebClient.create(vertx);
    EventAccess access = new EventAccess(client, config.eventsServiceUrl());
    return TokenVerifier.create(vertx, config.auth())
        .compose(verifier -> KafkaClients.ensureTopics(vertx, config.kafka())
            .compose(v -> PresenceBoard.start(vertx, config, registry))
            .compose(board -> {
              presence = board;
              return ChangeFeed.start(vertx, config, registry);
            })
            .compose(started -> {
              feed = started;
              Duration idle = config.limits().idleEvent();
              idleSweep = vertx.setPeriodic(Math.max(1000, idle.toMillis() / 10), id -> feed.forgetIdle(idle));
              service.router().get(PATH).handler(ctx -> upgrade(ctx, verifier, access));
              HttpEndpoints fallbacks = new HttpEndpoints(vertx, verifier, access, feed, registry,
                  config.limits().queuedFramesPerConnection());
              service.router().get(HttpEndpoints.STREAM_PATH).handler(fallbacks::stream);
              service.router().get(HttpEndpoints.CHANGES_PATH).handler(fallbacks::changes);
              return vertx.createHttpServer().invalidRequestHandler(InvalidRequests::answer).requestHandler(service.router()).listen(config.port(), config.host());
            }))
        .onSuccess(listening -> {
          server = listening;
          service.markReady();
        });
  }

  private void upgrade(RoutingContext ctx, TokenVerifier verifier, EventAccess access) {
    String headerToken = HttpEndpoints.bearer(ctx.request());
    ctx.request().toWebSocket()
        .onSuccess(socket -> new Connection(vertx, socket, verifier, access, feed, registry, config.limits())
            .open(headerToken))
        .onFailure(ctx::fail);
  }

  @Override
  public void drain() {
    if (service != null) service.markStopping();
  }

  /**
   * Every WebSocket gets {@code {"type":"reconnect"}} and close code 1012, every SSE stream a
   * {@code reconnect} event, so clients resume from their cursors on another replica; polls in
   * flight get {@code grace} to finish.
   */
  @Override
  public synchronized Future<Void> shutdown(Duration grace) {
    if (stopping == null) {
      Promise<Void> told = Promise.promise();
      // The streams live on this verticle's event loop.
      context.runOnContext(v -> {
        registry.reconnectAll();
        told.complete();
      });
      stopping = told.future().compose(v -> server == null ? Future.succeededFuture()
          : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS));
    }
    return stopping;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(idleSweep);
    if (client != null) client.close();
    return Future.join(presence == null ? Future.succeededFuture() : presence.close(),
        feed == null ? Future.succeededFuture() : feed.close());
  }

  /** The port the gateway listens on (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }
}
