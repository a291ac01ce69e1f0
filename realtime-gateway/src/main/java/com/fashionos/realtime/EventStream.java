package com.fashionos.realtime;

import com.fashionos.platform.auth.Principal;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * The Server-Sent Events fallback: one event's frames over {@code text/event-stream}, through the
 * same subscription, replay and bounded queue as a WebSocket. Every message is written as
 * {@code id: <cursor>} (when it has one), {@code event: <type>} (an error's code for errors) and
 * {@code data: <the JSON frame>}. The stream ends after {@code resync_required} or
 * {@code access_revoked}.
 */
final class EventStream extends FrameStream {
  static final long HEARTBEAT_MS = 15_000;

  private final Vertx vertx;
  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final String accessToken;
  private long heartbeat = -1;
  private boolean started;
  /** Ends once what is queued is written. */
  private boolean ending;

  EventStream(Vertx vertx, RoutingContext ctx, Principal principal, String accessToken, EventAccess access,
      ChangeFeed feed, Subscriptions registry, int maxQueuedFrames) {
    super(access, feed, registry, maxQueuedFrames);
    this.vertx = vertx;
    this.ctx = ctx;
    this.response = ctx.response();
    this.principal = principal;
    this.accessToken = accessToken;
  }

  void open(UUID eventId, String cursorText) {
    response.closeHandler(v -> closed());
    response.exceptionHandler(e -> closed());
    subscribe(eventId, cursorText, accessToken);
  }

  /** Sends the headers (once) and starts the heartbeat. */
  private void start() {
    if (started) return;
    started = true;
    response.setStatusCode(200)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        // Proxies such as nginx must not buffer the stream.
        .putHeader("X-Accel-Buffering", "no")
        .setChunked(true);
    response.write(": connected\n\n");
    heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> {
      if (!isClosed() && !response.writeQueueFull()) response.write(": heartbeat\n\n");
    });
  }

  @Override
  void allowed(UUID eventId) {
    start();
  }

  @Override
  void refused(UUID eventId, EventAccess.Verdict verdict) {
    closed();
    ctx.fail(HttpEndpoints.refusal(verdict));
  }

  @Override
  void live(UUID eventId, Cursor cursor) {
    send(subscribedMessage(eventId, cursor));
  }

  @Override
  void resync(UUID eventId, String reason) {
    finishWith(resyncMessage(eventId, reason));
  }

  @Override
  void revoked(UUID eventId) {
    finishWith(revokedMessage(eventId));
  }

  /** A {@code reconnect} event, then the stream ends; EventSource reconnects with Last-Event-ID. */
  @Override
  void reconnect() {
    if (!isClosed()) finishWith(reconnectMessage());
  }

  private void finishWith(JsonObject message) {
    start();
    ending = true;
    send(message);
  }

  @Override
  void flushed() {
    if (ending && !response.ended()) {
      response.end();
      closed();
    }
  }

  @Override
  String transport() {
    return RealtimeMetrics.SSE;
  }

  @Override
  boolean writeQueueFull() {
    return response.writeQueueFull();
  }

  @Override
  void write(JsonObject message, String text) {
    response.write(format(message, text));
  }

  @Override
  void whenDrained(Runnable flush) {
    response.drainHandler(v -> flush.run());
  }

  @Override
  void closed() {
    vertx.cancelTimer(heartbeat);
    super.closed();
  }

  /** One SSE message; JSON has no raw line breaks, so the frame fits one data line. */
  static String format(JsonObject message, String json) {
    StringBuilder sse = new StringBuilder();
    String cursor = message.getString("cursor");
    if (cursor != null) sse.append("id: ").append(cursor).append('\n');
    String type = message.getString("type");
    String event = "error".equals(type) ? message.getString("code", type) : type;
    return sse.append("event: ").append(event).append('\n')
        .append("data: ").append(json).append("\n\n").toString();
  }
}
