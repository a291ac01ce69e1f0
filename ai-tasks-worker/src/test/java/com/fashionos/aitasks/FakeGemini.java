package com.fashionos.aitasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the Gemini API's {@code POST /v1beta/models/{model}:generateContent}: it
 * records every request and plays scripted replies in order, repeating the last one.
 */
final class FakeGemini implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one call gets back, after {@code delayMillis}. */
  record Reply(int status, String body, long delayMillis) {}

  /** A request as the server saw it. */
  record Recorded(String method, String path, String apiKey, JsonNode body) {}

  private final HttpServer server;
  // Slow replies sleep on these threads, so a timed-out call does not hold up the next one.
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();

  FakeGemini() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Replies to the next calls in this order; the last one answers every call after them. */
  FakeGemini reply(Reply... replies) {
    synchronized (script) {
      script.clear();
      script.addAll(List.of(replies));
    }
    return this;
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** A 200 whose first candidate's only part is {@code text}, as Gemini sends JSON-mode output. */
  static Reply answer(String text) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode candidate = body.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.put("role", "model");
    content.putArray("parts").addObject().put("text", text);
    candidate.put("finishReason", "STOP");
    candidate.put("index", 0);
    body.putObject("usageMetadata").put("promptTokenCount", 400).put("candidatesTokenCount", 9000)
        .put("totalTokenCount", 9400);
    body.put("modelVersion", "gemini-2.5-flash");
    return new Reply(200, body.toString(), 0);
  }

  /** An error in Google's shape: {@code {"error":{"code","message","status"}}}. */
  static Reply error(int status, String googleStatus) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", status).put("message", "fake " + googleStatus).put("status", googleStatus);
    return new Reply(status, body.toString(), 0);
  }

  static Reply slow(Reply reply, long delayMillis) {
    return new Reply(reply.status(), reply.body(), delayMillis);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("x-goog-api-key"), JSON.readTree(exchange.getRequestBody())));
      Reply reply;
      synchronized (script) {
        reply = script.size() > 1 ? script.poll() : script.peek();
      }
      if (reply == null) {
        reply = error(500, "INTERNAL");
      }
      if (reply.delayMillis() > 0) {
        try {
          Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
