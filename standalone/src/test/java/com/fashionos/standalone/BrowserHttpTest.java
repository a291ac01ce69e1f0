package com.fashionos.standalone;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.CapturedLog;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestApi.Answer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP as a browser uses it, on the whole stack through the gateway (standalone's defaults):
 * ETags and 304s, Cache-Control, gzip, CORS, and the WebSocket session's log line.
 */
@ExtendWith(SharedStandalone.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BrowserHttpTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String DEV_ORIGIN = "http://localhost:5173";
  static TestApi api;
  static String token;
  static String userId;
  static String eventId;
  static CapturedLog accessLog;

  @BeforeAll
  static void start(SharedStandalone.Stack stack) {
    accessLog = CapturedLog.of("fashionos.access");
    // The shared system sets no CORS_ALLOWED_ORIGINS: standalone's default (its own origin and local dev servers).
    api = stack.api();
    JsonObject signedUp = stack.signUp("Ines Duarte");
    token = signedUp.getString("access_token");
    userId = signedUp.getJsonObject("user").getString("id");
    Answer created = api.post("/api/v1/events").token(token).json(new JsonObject().put("name", "Caching Showcase")
        .put("type", "runway_show").put("start_date", "2027-09-20T19:00:00Z").put("target_attendees", 400)).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    eventId = created.json().getString("event_id");
    eventually("the generated plan", Duration.ofSeconds(60),
        () -> api.get("/api/v1/events/" + eventId).token(token).send().json().getJsonObject("event"),
        e -> "done".equals(e.getJsonObject("tasks_summary").getJsonObject("generation").getString("status")));
  }

  @AfterAll
  static void stop() {
    accessLog.close();
  }

  private static HttpResponse<byte[]> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).GET();
    if (headers.length > 0) request.headers(headers);
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static String vary(HttpResponse<?> response) {
    return String.join(", ", response.headers().allValues("Vary"));
  }

  private static byte[] gunzip(byte[] body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theEventListRevalidatesWith304UntilItChanges() {
    HttpResponse<byte[]> first = get("/api/v1/events");
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = header(first, "ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\""); // strong: no W/
    assertThat(header(first, "Cache-Control")).isEqualTo("private, no-cache");
    assertThat(header(get("/api/v1/events"), "ETag")).isEqualTo(etag);

    HttpResponse<byte[]> revalidated = get("/api/v1/events", "If-None-Match", etag);
    assertThat(revalidated.statusCode()).isEqualTo(304);
    assertThat(revalidated.body()).isEmpty();
    assertThat(header(revalidated, "ETag")).isEqualTo(etag);
    assertThat(header(revalidated, "Cache-Control")).isEqualTo("private, no-cache");
    // A list of tags, weak or not, matches by any of them.
    assertThat(get("/api/v1/events", "If-None-Match", "\"other\", W/" + etag).statusCode()).isEqualTo(304);

    Answer renamed = api.put("/api/v1/events/" + eventId).token(token)
        .json(new JsonObject().put("name", "Caching Showcase, renamed")).send();
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    HttpResponse<byte[]> changed = get("/api/v1/events", "If-None-Match", etag);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(new String(changed.body(), StandardCharsets.UTF_8)).contains("Caching Showcase, renamed");
    assertThat(header(changed, "ETag")).isNotEqualTo(etag);
    assertThat(get("/api/v1/events", "If-None-Match", header(changed, "ETag")).statusCode()).isEqualTo(304);
  }

  @Test
  void aLargeTaskListIsGzippedWhenAcceptedAndASmallAnswerIsNot() {
    String tasks = "/api/v1/events/" + eventId + "/tasks";
    HttpResponse<byte[]> plain = get(tasks);
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(header(plain, "Content-Encoding")).isNull();
    assertThat(vary(plain)).contains("Accept-Encoding");

    HttpResponse<byte[]> gzipped = get(tasks, "Accept-Encoding", "gzip, deflate, br");
    assertThat(gzipped.statusCode()).isEqualTo(200);
    assertThat(header(gzipped, "Content-Encoding")).isEqualTo("gzip");
    assertThat(vary(gzipped)).contains("Accept-Encoding");
    assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
    assertThat(gzipped.body().length).isLessThan(plain.body().length / 4);
    System.out.printf("Task list of %d tasks: %d bytes, gzipped %d bytes%n",
        new JsonObject(new String(plain.body(), StandardCharsets.UTF_8)).getJsonArray("tasks").size(),
        plain.body().length, gzipped.body().length);
    // The gzipped representation has a tag of its own; either tag revalidates.
    String plainTag = header(plain, "ETag");
    assertThat(header(gzipped, "ETag")).isEqualTo(plainTag.replaceAll("\"$", "-gzip\""));
    HttpResponse<byte[]> revalidated = get(tasks, "Accept-Encoding", "gzip", "If-None-Match", plainTag);
    assertThat(revalidated.statusCode()).isEqualTo(304);
    assertThat(header(revalidated, "ETag")).isEqualTo(header(gzipped, "ETag"));

    assertThat(header(get(tasks, "Accept-Encoding", "gzip;q=0, identity"), "Content-Encoding")).isNull();
    HttpResponse<byte[]> small = get("/api/v1/events/" + eventId + "/changes", "Accept-Encoding", "gzip");
    assertThat(small.statusCode()).isEqualTo(200);
    assertThat(small.body().length).isLessThan(1024);
    assertThat(header(small, "Content-Encoding")).isNull();
  }

  @Test
  void corsAllowsTheOwnOriginAndLocalDevServersOnly() {
    HttpResponse<byte[]> fromDevServer = get("/api/v1/events", "Origin", DEV_ORIGIN);
    assertThat(fromDevServer.statusCode()).isEqualTo(200);
    assertThat(header(fromDevServer, "Access-Control-Allow-Origin")).isEqualTo(DEV_ORIGIN);
    assertThat(header(fromDevServer, "Access-Control-Expose-Headers")).contains("ETag").contains("Location")
        .contains("Retry-After");
    assertThat(vary(fromDevServer)).contains("Origin");
    // The answer depends on Origin even when none was sent.
    assertThat(vary(get("/api/v1/events"))).contains("Origin");
    assertThat(header(get("/api/v1/events", "Origin", api.baseUrl()), "Access-Control-Allow-Origin"))
        .isEqualTo(api.baseUrl());

    HttpResponse<byte[]> foreign = get("/api/v1/events", "Origin", "https://elsewhere.example");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(header(foreign, "Access-Control-Allow-Origin")).isNull();
    assertThat(vary(foreign)).contains("Origin");
    assertThat(get("/api/v1/events", "Origin", "https://localhost:5173").statusCode()).isEqualTo(403);

    HttpResponse<byte[]> preflight;
    try {
      preflight = CLIENT.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/events/" + eventId + "/tasks"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
          .header("Origin", DEV_ORIGIN).header("Access-Control-Request-Method", "PUT")
          .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key, if-none-match")
          .build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(DEV_ORIGIN);
    assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("PUT").contains("PATCH").contains("DELETE");
    assertThat(header(preflight, "Access-Control-Allow-Headers")).contains("Authorization").contains("Content-Type")
        .contains("Idempotency-Key").contains("X-Client-Timestamp").contains("If-None-Match");
  }

  @Test
  void aWebSocketSessionIsLoggedWhenItCloses() throws Exception {
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    // Only what this socket logs: the system is shared, and another class's socket may close late.
    int before = logLines().size();
    WebSocket socket = LiveSocket.open(api, token, frames);
    socket.sendText(new JsonObject().put("type", "subscribe").put("event_id", eventId).encode(), true);
    eventually("subscribed", Duration.ofSeconds(10), frames::poll, f -> "subscribed".equals(f.getString("type")));
    Answer changed = api.put("/api/v1/events/" + eventId).token(token)
        .json(new JsonObject().put("description", "Watched live")).send();
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    eventually("a change frame", Duration.ofSeconds(10), frames::poll, f -> "change".equals(f.getString("type")));
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

    String session = eventually("the session's log line", Duration.ofSeconds(10), () -> logLines().stream()
        .filter(line -> line.startsWith("WebSocket /realtime/v1 closed") && line.contains("user=" + userId))
        .findFirst().orElse(null), line -> line != null);
    assertThat(session).contains("events=1").containsPattern("frames=[1-9]").containsPattern("after [0-9]+ms");
    // The gateway's access line for the tunnel, written when it closed (one, not one at the upgrade too).
    List<String> tunnel = eventually("the gateway's line", Duration.ofSeconds(10), () -> logLines().stream().skip(before)
        .filter(line -> line.startsWith("GET /realtime/v1 ")).toList(), lines -> !lines.isEmpty());
    assertThat(tunnel).hasSize(1);
    assertThat(tunnel.get(0)).startsWith("GET /realtime/v1 101 ");
  }

  private static List<String> logLines() {
    return accessLog.lines();
  }
}
