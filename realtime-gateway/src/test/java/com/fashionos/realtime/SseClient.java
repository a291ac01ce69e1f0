package com.fashionos.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real HTTP client of the SSE stream that parses and records every event, for tests. */
final class SseClient implements AutoCloseable {
  /** One server-sent event. */
  record Event(String id, String event, JsonObject data) {}

  private final HttpClient client;
  final int status;
  final String contentType;
  private final StringBuilder pending = new StringBuilder();
  private final StringBuilder body = new StringBuilder();
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  /** Completes when the server ends the response. */
  final CompletableFuture<Void> ended = new CompletableFuture<>();

  private SseClient(HttpClient client, HttpClientResponse response) {
    this.client = client;
    this.status = response.statusCode();
    this.contentType = response.getHeader("Content-Type");
    response.handler(buffer -> {
      synchronized (this) {
        body.append(buffer.toString());
        pending.append(buffer.toString());
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
          parse(pending.substring(0, end));
          pending.delete(0, end + 2);
        }
      }
    });
    response.endHandler(v -> ended.complete(null));
    response.exceptionHandler(e -> ended.complete(null));
  }

  /** Opens {@code uri} on the gateway with the given headers. */
  static SseClient open(Vertx vertx, int port, String uri, Map<String, String> headers) {
    HttpClient client = vertx.createHttpClient();
    return client.request(HttpMethod.GET, port, "localhost", uri).compose(request -> {
      headers.forEach(request::putHeader);
      // Handlers are set on the event loop as the response arrives, so no data is missed.
      return request.send().map(response -> new SseClient(client, response));
    }).await();
  }

  private void parse(String block) {
    String id = null;
    String event = "message";
    StringBuilder data = new StringBuilder();
    for (String line : block.split("\n")) {
      if (line.startsWith(":")) continue;
      if (line.startsWith("id: ")) id = line.substring(4);
      else if (line.startsWith("event: ")) event = line.substring(7);
      else if (line.startsWith("data: ")) data.append(line.substring(6));
    }
    if (data.length() > 0) events.add(new Event(id, event, new JsonObject(data.toString())));
  }

  /** The next event matching, skipping others; fails after the timeout. */
  Event next(Predicate<Event> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (event == null) throw new AssertionError("No matching server-sent event within " + timeout);
        if (wanted.test(event)) return event;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The whole body once the server ended it (for error answers). */
  String bodyWhenEnded(Duration timeout) {
    ended.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    synchronized (this) {
      return body.toString();
    }
  }

  @Override
  public void close() {
    client.close().await();
  }
}
