package com.fashionos.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client of the gateway that records every message it receives, for tests. */
final class RealtimeClient implements AutoCloseable {
  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  /** The close status the server sent; completes when the socket closes. */
  final CompletableFuture<Short> closed = new CompletableFuture<>();

  private RealtimeClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> messages.add(new JsonObject(text)));
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
  }

  /** Connects; {@code token} (may be null) goes in the upgrade's Authorization header. */
  static RealtimeClient connect(Vertx vertx, int port, String token) {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port)
        .setURI(RealtimeGatewayVerticle.PATH);
    if (token != null) options.addHeader("Authorization", "Bearer " + token);
    // Handlers are set as the connection completes, on its event loop: a message the server sends
    // right after the handshake would otherwise be dropped before the test thread sets them.
    return client.connect(options).map(socket -> new RealtimeClient(client, socket)).await();
  }

  /** Connects with the token in the header and waits until authenticated. */
  static RealtimeClient signedIn(Vertx vertx, int port, String token) {
    RealtimeClient client = connect(vertx, port, token);
    client.next(m -> "authenticated".equals(m.getString("type")), Duration.ofSeconds(5));
    return client;
  }

  void send(JsonObject message) {
    sendText(message.encode());
  }

  void sendText(String text) {
    socket.writeTextMessage(text).await();
  }

  void sendBinary(byte[] bytes) {
    socket.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(bytes)).await();
  }

  /**
   * Subscribes and returns the answer: subscribed, error or resync_required (replayed frames are
   * kept in {@code replayed}; presence messages and notifications are skipped).
   */
  JsonObject subscribe(String eventId, String cursor, List<JsonObject> replayed) {
    JsonObject message = new JsonObject().put("type", "subscribe").put("event_id", eventId);
    if (cursor != null) message.put("cursor", cursor);
    send(message);
    while (true) {
      JsonObject answer = next(m -> true, Duration.ofSeconds(10));
      if ("change".equals(answer.getString("type"))) replayed.add(answer);
      else if (!"presence".equals(answer.getString("type")) && !answer.getString("type").startsWith("notification")) {
        return answer;
      }
    }
  }

  JsonObject subscribe(String eventId) {
    return subscribe(eventId, null, new ArrayList<>());
  }

  /** The next message matching, skipping others; fails after the timeout. */
  JsonObject next(Predicate<JsonObject> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        JsonObject message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (message == null) throw new AssertionError("No matching message within " + timeout);
        if (wanted.test(message)) return message;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The messages matching that are waiting to be read, left in place. */
  List<JsonObject> pending(Predicate<JsonObject> wanted) {
    return List.copyOf(messages).stream().filter(wanted).toList();
  }

  /**
   * Checks that no message matching {@code unwanted} is waiting, or arrives, for the whole time;
   * then drops what is waiting, so later checks see only later messages.
   */
  void receivesNoneFor(Duration during, Predicate<JsonObject> unwanted) {
    Eventually.holdsFor(during, () -> assertThat(List.copyOf(messages)).noneMatch(unwanted));
    messages.clear();
  }

  @Override
  public void close() {
    if (!closed.isDone()) socket.close().await();
    client.close().await();
  }
}
