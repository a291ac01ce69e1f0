package com.fashionos.realtime;

import com.fashionos.platform.auth.TokenVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client socket: authentication and the WebSocket protocol over the shared
 * {@link FrameStream} (subscriptions, replay, bounded queue). Everything runs on the verticle's
 * event loop.
 *
 * <p>Protocol (JSON text messages with a {@code type}): the token comes with the upgrade's
 * {@code Authorization: Bearer} header or as a first message {@code {type:"auth", access_token}};
 * then {@code subscribe {event_id, cursor?}}, {@code unsubscribe {event_id}}, {@code ping}, and
 * {@code auth} again with a fresh token before the current one expires. The server pings too and
 * closes a connection it has not heard from for a minute.
 */
final class Connection extends FrameStream {
  /** The access log's logger: a session's line is written when it closes, as the api-gateway's tunnel cannot see inside it. */
  private static final Logger ACCESS = LoggerFactory.getLogger("fashionos.access");
  static final long AUTH_TIMEOUT_MS = 10_000;
  /** RFC 6455's "service restart": the client should reconnect (to another replica). */
  static final short CLOSE_SERVICE_RESTART = 1012;
  /** A close code in the range WebSocket leaves to applications (4000-4999), after HTTP's 401. */
  static final short CLOSE_UNAUTHORIZED = 4401;

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final TokenVerifier verifier;
  private final RealtimeConfig.Limits limits;
  private final Subscriptions registry;
  private String accessToken;
  private long authTimer = -1;
  private long expiryTimer = -1;
  private long heartbeat = -1;
  private long lastHeard = System.currentTimeMillis();
  // For the session's log line.
  private final long openedAt = System.nanoTime();
  private final Set<UUID> eventsSubscribed = new HashSet<>();
  private long framesSent;
  private long messagesSent;

  Connection(Vertx vertx, ServerWebSocket socket, TokenVerifier verifier, EventAccess access, ChangeFeed feed,
      Subscriptions registry, RealtimeConfig.Limits limits) {
    super(access, feed, registry, limits.queuedFramesPerConnection());
    this.vertx = vertx;
    this.limits = limits;
    this.registry = registry;
    this.socket = socket;
    this.verifier = verifier;
  }

  /** Starts: with a header token authenticates at once, otherwise waits for an auth message. */
  void open(String headerToken) {
    socket.textMessageHandler(text -> {
      lastHeard = System.currentTimeMillis();
      onMessage(text);
    });
    // The protocol is JSON text; a binary message is read like text that is not JSON.
    socket.binaryMessageHandler(bytes -> {
      lastHeard = System.currentTimeMillis();
      onMessage("");
    });
    socket.pongHandler(pong -> lastHeard = System.currentTimeMillis());
    socket.closeHandler(v -> closed());
    // The server pings; a client silent for longer than deadAfter is gone (its pongs count).
    heartbeat = vertx.setPeriodic(limits.ping().toMillis(), id -> {
      if (System.currentTimeMillis() - lastHeard > limits.deadAfter().toMillis()) {
        socket.close((short) 1001, "no heartbeat");
        closed();
      } else {
        socket.writePing(Buffer.buffer());
      }
    });
    socket.exceptionHandler(e -> socket.close());
    if (headerToken != null) {
      authenticate(headerToken);
    } else {
      authTimer = vertx.setTimer(AUTH_TIMEOUT_MS,
          id -> reject("No access token within " + AUTH_TIMEOUT_MS / 1000 + " s: send {\"type\":\"auth\"}"));
    }
  }

  /**
   * Checks a token: the first one signs the connection in; a later one (a refresh) must be the
   * same person's and moves the session's end. Subscriptions end with {@code token_expired} when
   * the token runs out without a refresh.
   */
  private void authenticate(String token) {
    // Messages sent right behind the token wait until it is checked.
    socket.pause();
    verifier.verifySession(token).onComplete(verified -> {
      if (isClosed()) return;
      if (verified.failed()) {
        reject("Invalid or expired access token");
        return;
      }
      TokenVerifier.Session session = verified.result();
      if (principal != null && !principal.userId().equals(session.principal().userId())) {
        reject("A refreshed token must belong to the same user");
        return;
      }
      vertx.cancelTimer(authTimer);
      if (principal == null) registry.signedIn(session.principal().userId(), this);
      principal = session.principal();
      accessToken = token;
      vertx.cancelTimer(expiryTimer);
      if (session.expiresAt() != null) {
        long left = Math.max(1, session.expiresAt().toEpochMilli() - System.currentTimeMillis());
        expiryTimer = vertx.setTimer(left, id -> expired());
      }
      send(new JsonObject().put("type", "authenticated").put("user_id", principal.userId().toString())
          .put("expires_at", session.expiresAt() == null ? null : session.expiresAt().toString()));
      socket.resume();
    });
  }

  private void expired() {
    if (isClosed()) return;
    socket.writeTextMessage(new JsonObject().put("type", "error").put("code", "token_expired")
        .put("message", "The access token expired; reconnect with a fresh one (or send auth before it expires)").encode());
    socket.close(CLOSE_UNAUTHORIZED, "token_expired");
    closed();
  }

  private void onMessage(String text) {
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (RuntimeException e) { // not JSON, or JSON that is no object
      // Before signing in, anything but an auth message ends the connection (docs/realtime.md).
      if (principal == null) reject("Authenticate first: {\"type\":\"auth\",\"access_token\":...}");
      else error(null, "bad_request", "Messages are JSON objects");
      return;
    }
    String type = message.getString("type", "");
    if (principal == null) {
      if ("auth".equals(type) && message.getValue("access_token") instanceof String token) authenticate(token);
      else reject("Authenticate first: {\"type\":\"auth\",\"access_token\":...}");
      return;
    }
    switch (type) {
      case "subscribe" -> subscribe(message);
      case "unsubscribe" -> unsubscribe(message);
      case "ping" -> send(new JsonObject().put("type", "pong"));
      case "auth" -> {
        if (message.getValue("access_token") instanceof String token) authenticate(token);
        else error(null, "bad_request", "auth needs an access_token");
      }
      default -> error(null, "bad_request", "Unknown message type '" + type + "'");
    }
  }

  private void subscribe(JsonObject message) {
    UUID eventId = eventId(message);
    if (eventId == null) return;
    if (isSubscribed(eventId)) {
      error(eventId, "already_subscribed", "Already subscribed to this event");
      return;
    }
    subscribe(eventId, message.getValue("cursor") instanceof String text ? text : null, accessToken);
  }

  private void unsubscribe(JsonObject message) {
    UUID eventId = eventId(message);
    if (eventId == null) return;
    unsubscribe(eventId);
    send(new JsonObject().put("type", "unsubscribed").put("event_id", eventId.toString()));
  }

  private UUID eventId(JsonObject message) {
    try {
      return UUID.fromString(message.getString("event_id"));
    } catch (RuntimeException e) {
      error(null, "bad_request", "event_id must be a UUID");
      return null;
    }
  }

  /**
   * A notification for this connection's user about an event: sent once events-service confirms,
   * with the user's token, that they may read the event.
   */
  void notifyOf(UUID eventId, JsonObject message) {
    access.check(eventId, principal.userId(), accessToken).onSuccess(checked -> {
      if (checked.allowed()) send(message);
    });
  }

  /** Who connected: the first address the api-gateway forwarded for, else the peer. */
  private String client() {
    String forwarded = socket.headers().get("X-Forwarded-For");
    if (forwarded != null) return forwarded.split(",", 2)[0].trim();
    return socket.remoteAddress() == null ? "-" : socket.remoteAddress().hostAddress();
  }

  @Override
  void allowed(UUID eventId) {
    eventsSubscribed.add(eventId);
  }

  @Override
  void refused(UUID eventId, EventAccess.Verdict verdict) {
    error(eventId, verdict == EventAccess.Verdict.NOT_FOUND ? "not_found" : "unavailable",
        verdict == EventAccess.Verdict.NOT_FOUND ? "No such event" : "Cannot check access now; try again");
  }

  @Override
  void live(UUID eventId, Cursor cursor) {
    send(subscribedMessage(eventId, cursor));
  }

  @Override
  void resync(UUID eventId, String reason) {
    send(resyncMessage(eventId, reason));
  }

  @Override
  void revoked(UUID eventId) {
    send(revokedMessage(eventId));
  }

  @Override
  boolean showsPresence() {
    return true;
  }

  private void error(UUID eventId, String code, String message) {
    JsonObject error = new JsonObject().put("type", "error").put("code", code).put("message", message);
    if (eventId != null) error.put("event_id", eventId.toString());
    send(error);
  }

  /** Written ahead of any queued frames: the client resumes them from its cursor elsewhere. */
  @Override
  void reconnect() {
    if (isClosed()) return;
    socket.writeTextMessage(reconnectMessage().encode());
    socket.close(CLOSE_SERVICE_RESTART, "service restart");
    closed();
  }

  /** Says why, then closes; used for every authentication failure. */
  private void reject(String message) {
    if (isClosed()) return;
    socket.writeTextMessage(new JsonObject().put("type", "error").put("code", "unauthorized")
        .put("message", message).encode());
    socket.close(CLOSE_UNAUTHORIZED, "unauthorized");
    closed();
  }

  @Override
  String transport() {
    return RealtimeMetrics.WEBSOCKET;
  }

  @Override
  boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  @Override
  void write(JsonObject message, String text) {
    socket.writeTextMessage(text);
    messagesSent++;
    if ("change".equals(message.getString("type"))) framesSent++;
  }

  @Override
  void whenDrained(Runnable flush) {
    socket.drainHandler(v -> flush.run());
  }

  @Override
  void closed() {
    if (!isClosed()) {
      ACCESS.info("WebSocket {} closed after {}ms user={} events={} frames={} messages={} client={}", socket.path(),
          (System.nanoTime() - openedAt) / 1_000_000, principal == null ? "-" : principal.userId(),
          eventsSubscribed.size(), framesSent, messagesSent, client());
    }
    vertx.cancelTimer(authTimer);
    vertx.cancelTimer(expiryTimer);
    vertx.cancelTimer(heartbeat);
    if (principal != null) registry.signedOut(principal.userId(), this);
    super.closed();
  }
}
