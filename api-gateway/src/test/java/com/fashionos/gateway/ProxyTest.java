package com.fashionos.gateway;

import static com.fashionos.gateway.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.CapturedLog;
import com.fashionos.embedded.Eventually;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.auth.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway in front of real backend servers: routing, forwarding, JWT check, CORS, limits, WebSocket. */
@ExtendWith(VertxExtension.class)
class ProxyTest {
  private static final String SECRET = "proxy-test-secret-proxy-test-secret";
  private static final String APP_ORIGIN = "https://app.fashionos.example";
  private static final AtomicInteger EVENTS_CALLS = new AtomicInteger();

  private static Vertx vertx;
  private static WebClient http;
  private static HttpServer events;
  private static HttpServer tasks;
  private static HttpServer realtime;
  private static int deadPort;
  /** Identity off, any origin ({@code *}), no rate limit, every route. */
  private static ApiGatewayVerticle gateway;
  /** Identity off, one origin, 3 requests a minute, no realtime backend. */
  private static ApiGatewayVerticle strict;
  private static CapturedLog accessLog;

  @BeforeAll
  static void setUp(Vertx v) throws Exception {
    vertx = v;
    http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    events = await(vertx.createHttpServer().requestHandler(ProxyTest::echo).listen(0));
    tasks = await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body ->
        req.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("service", "tasks").put("uri", req.uri()).encode()))).listen(0));
    realtime = await(vertx.createHttpServer(new HttpServerOptions().addWebSocketSubProtocol("fashionos.v1"))
        .webSocketHandshakeHandler(ProxyTest::realtimeHandshake)
        .webSocketHandler(ws -> ws.textMessageHandler(text -> {
          if (text.equals("bye")) ws.close((short) 4000, "backend closes");
          else ws.writeTextMessage("echo:" + text + " path:" + ws.path() + " query:" + ws.query()
              + " protocol:" + ws.subProtocol());
        }))
        .requestHandler(req -> req.response().putHeader("Content-Type", "text/plain").end("long-poll"))
        .listen(0));
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }

    List<ServiceRoute> routes = List.of(
        // The real table's rows for tasks and events, in their real order.
        tableRow("tasks-service").at("http://127.0.0.1:" + tasks.actualPort()),
        tableRow("events-service").at("http://127.0.0.1:" + events.actualPort()),
        ServiceRoute.of("budget-service", "^/api/v1/budget(/.*)?$", "http://127.0.0.1:" + deadPort),
        ServiceRoute.of("slow-service", "^/api/v1/slow(/.*)?$", "http://127.0.0.1:" + events.actualPort()),
        ServiceRoute.of("realtime-gateway", "^/realtime/v1(/.*)?$", "http://127.0.0.1:" + realtime.actualPort()));
    AuthConfig auth = new AuthConfig(SECRET, null);
    gateway = new ApiGatewayVerticle(new GatewayConfig(0, List.of("*"), 0, false, routes, Duration.ofMillis(800)), auth,
        null);
    await(vertx.deployVerticle(gateway));
    strict = new ApiGatewayVerticle(new GatewayConfig(0, List.of(APP_ORIGIN), 3, false, routes.subList(0, 2),
        Duration.ofSeconds(5)), auth, null);
    await(vertx.deployVerticle(strict));

    accessLog = CapturedLog.of("fashionos.access");
  }

  @AfterAll
  static void tearDown() {
    accessLog.close();
  }

  /** Answers with what it received ({@code ?status=} picks the status); /slow never answers, /events/big streams 2 MiB. */
  private static void echo(HttpServerRequest req) {
    EVENTS_CALLS.incrementAndGet();
    if (req.path().startsWith("/api/v1/slow")) return; // never answers
    if (req.path().equals("/api/v1/events/contract.pdf")) {
      req.response().putHeader("Content-Type", "application/pdf").end(Buffer.buffer(new byte[4096]));
      return;
    }
    if (req.path().equals("/api/v1/events/cached")) {
      req.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "public, max-age=300")
          .end(new JsonObject().put("padding", "x".repeat(2048)).encode());
      return;
    }
    if (req.path().equals("/api/v1/events/big")) {
      req.response().setChunked(true);
      for (int i = 0; i < 64; i++) req.response().write(Buffer.buffer(new byte[32 * 1024]).setByte(0, (byte) i));
      req.response().end();
      return;
    }
    req.body().onSuccess(body -> {
      JsonObject headers = new JsonObject();
      req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      String status = req.getParam("status");
      req.response()
          .setStatusCode(status == null ? 200 : Integer.parseInt(status))
          .putHeader("Content-Type", "application/json")
          .putHeader("X-Backend", "events")
          .putHeader("Access-Control-Allow-Origin", "https://backend-should-not-decide.example")
          .end(new JsonObject()
              .put("service", "events")
              .put("method", req.method().name())
              .put("uri", req.uri())
              .put("headers", headers)
              .put("bodyLength", body.length())
              .put("body", body.length() < 10_000 ? body.toString() : null)
              .encode());
    });
  }

  private static void realtimeHandshake(ServerWebSocketHandshake handshake) {
    if ("reject".equals(queryParam(handshake.query(), "mode"))) handshake.reject(401);
    else handshake.accept();
  }

  private static String queryParam(String query, String name) {
    if (query == null) return null;
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name)) return kv.length > 1 ? kv[1] : "";
    }
    return null;
  }

  private static String token(UUID user) {
    return sign(claims(user));
  }

  /** Supabase's claims of a signed-in user, valid for an hour. */
  private static JsonObject claims(UUID user) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject()
        .put("sub", user.toString()).put("email", "a@example.com").put("role", "authenticated")
        .put("aud", "authenticated").put("iat", now).put("exp", now + 3600)
        .put("user_metadata", new JsonObject().put("full_name", "Ada"));
  }

  private static String sign(JsonObject claims) {
    return TokenVerifier.signer(vertx, SECRET).generateToken(claims);
  }

  private static HttpResponse<Buffer> send(ApiGatewayVerticle to, HttpMethod method, String uri, String token,
      Buffer body) {
    var request = http.request(method, to.actualPort(), "127.0.0.1", uri);
    if (token != null) request.putHeader("Authorization", "Bearer " + token);
    return await(body == null ? request.send() : request.sendBuffer(body));
  }

  private static HttpResponse<Buffer> get(String uri, String token) {
    return send(gateway, HttpMethod.GET, uri, token, null);
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
  }

  @Test
  void routesByTheFirstMatchingRow() {
    String token = token(UUID.randomUUID());
    assertThat(get("/api/v1/events/e1/tasks/t9", token).bodyAsJsonObject().getString("service")).isEqualTo("tasks");
    assertThat(get("/api/v1/events/e1/tasks", token).bodyAsJsonObject().getString("service")).isEqualTo("tasks");
    assertThat(get("/api/v1/events/e1", token).bodyAsJsonObject().getString("service")).isEqualTo("events");
    assertThat(get("/api/v1/events/e1/tasksx", token).bodyAsJsonObject().getString("service")).isEqualTo("events");
    assertThat(get("/api/v1/sponsors", token).bodyAsJsonObject().getString("service")).isEqualTo("events");
    assertThat(send(gateway, HttpMethod.POST, "/api/v1/invitations/accept", token, Buffer.buffer("{}"))
        .bodyAsJsonObject().getString("uri")).isEqualTo("/api/v1/invitations/accept");
    // Dot segments are resolved before matching, and the backend gets the resolved path.
    assertThat(get("/api/v1/sponsors/../events/e1/tasks", token).bodyAsJsonObject().getString("uri"))
        .isEqualTo("/api/v1/events/e1/tasks");
    JsonObject viaDots = send(gateway, HttpMethod.POST, "/x/../api/v1/events", token, Buffer.buffer("{\"a\":1}"))
        .bodyAsJsonObject();
    assertThat(viaDots.getString("uri")).isEqualTo("/api/v1/events");
    assertThat(viaDots.getString("body")).isEqualTo("{\"a\":1}");
  }

  @Test
  void unknownPathsAnswer404Json() {
    String token = token(UUID.randomUUID());
    assertError(get("/api/v1/nothing-here", token), 404, "not_found");
    assertError(get("/api/v2/events", token), 404, "not_found");
    assertError(get("/api", token), 404, "not_found");
    assertError(get("/no-such-page", null), 404, "not_found");
    assertError(get("/auth/v1/user", null), 404, "not_found"); // identity is off here
  }

  @Test
  void forwardsMethodQueryBodyStatusAndHeaders() {
    String token = token(UUID.randomUUID());
    var response = await(http.request(HttpMethod.PATCH, gateway.actualPort(), "127.0.0.1",
            "/api/v1/events/e1?status=201&q=a%20b&tag=x&tag=y")
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "application/json")
        .putHeader("Idempotency-Key", "k-1")
        .putHeader("Connection", "keep-alive, X-Hop")
        .putHeader("X-Hop", "must not pass")
        .sendBuffer(Buffer.buffer("{\"name\":\"Spring Show\"}")));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.getHeader("X-Backend")).isEqualTo("events");
    assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
    JsonObject echoed = response.bodyAsJsonObject();
    assertThat(echoed.getString("method")).isEqualTo("PATCH");
    assertThat(echoed.getString("uri")).isEqualTo("/api/v1/events/e1?status=201&q=a%20b&tag=x&tag=y");
    assertThat(echoed.getString("body")).isEqualTo("{\"name\":\"Spring Show\"}");
    JsonObject headers = echoed.getJsonObject("headers");
    assertThat(headers.getString("authorization")).isEqualTo("Bearer " + token);
    assertThat(headers.getString("idempotency-key")).isEqualTo("k-1");
    assertThat(headers.getString("content-type")).isEqualTo("application/json");
    assertThat(headers.getString("x-forwarded-for")).isEqualTo("127.0.0.1");
    assertThat(headers.containsKey("x-hop")).isFalse();
  }

  @Test
  void streamsLargeBodiesBothWays() {
    String token = token(UUID.randomUUID());
    // 3 MiB up: above the gateway's own 1 MiB JSON limit, which does not apply to proxied bodies.
    Buffer upload = Buffer.buffer(new byte[3 * 1024 * 1024]);
    var up = send(gateway, HttpMethod.POST, "/api/v1/events/e1/files", token, upload);
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.bodyAsJsonObject().getInteger("bodyLength")).isEqualTo(upload.length());

    var down = get("/api/v1/events/big", token);
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.body().length()).isEqualTo(64 * 32 * 1024);
    assertThat(down.body().getByte(32 * 1024 * 63)).isEqualTo((byte) 63);
  }

  @Test
  void givesEveryRequestAnIdAndPassesItOn() {
    String token = token(UUID.randomUUID());
    var generated = get("/api/v1/events", token);
    String id = generated.getHeader("X-Request-Id");
    assertThat(id).isNotBlank();
    assertThat(generated.bodyAsJsonObject().getJsonObject("headers").getString("x-request-id")).isEqualTo(id);

    var kept = await(http.get(gateway.actualPort(), "127.0.0.1", "/api/v1/events")
        .putHeader("Authorization", "Bearer " + token).putHeader("X-Request-Id", "client-abc.123").send());
    assertThat(kept.getHeader("X-Request-Id")).isEqualTo("client-abc.123");
    assertThat(kept.headers().getAll("X-Request-Id")).hasSize(1);
    assertThat(kept.bodyAsJsonObject().getJsonObject("headers").getString("x-request-id")).isEqualTo("client-abc.123");

    // Errors the gateway answers itself carry one too.
    assertThat(get("/api/v1/events", null).getHeader("X-Request-Id")).isNotBlank();
  }

  @Test
  void refusesMissingInvalidAndExpiredTokensWithoutCallingTheBackend() {
    int before = EVENTS_CALLS.get();
    assertError(get("/api/v1/events", null), 401, "unauthorized");
    assertError(get("/api/v1/events", "not-a-jwt"), 401, "unauthorized");
    long now = System.currentTimeMillis() / 1000;
    String otherKey = TokenVerifier.signer(vertx, "another-secret-another-secret-xx").generateToken(new JsonObject()
        .put("sub", UUID.randomUUID().toString()).put("iat", now).put("exp", now + 3600));
    assertError(get("/api/v1/events", otherKey), 401, "unauthorized");
    String expired = TokenVerifier.signer(vertx, SECRET).generateToken(new JsonObject()
        .put("sub", UUID.randomUUID().toString()).put("iat", now - 7200).put("exp", now - 3600));
    assertError(get("/api/v1/events", expired), 401, "unauthorized");
    // Signed with the right key, but: no expiry (valid forever), another audience, Supabase's anon role.
    JsonObject noExpiry = claims(UUID.randomUUID());
    noExpiry.remove("exp");
    assertError(get("/api/v1/events", sign(noExpiry)), 401, "unauthorized");
    assertError(get("/api/v1/events", sign(claims(UUID.randomUUID()).put("aud", "another-project"))), 401,
        "unauthorized");
    assertError(get("/api/v1/events", sign(claims(UUID.randomUUID()).put("role", "anon"))), 401, "unauthorized");
    var basic = await(http.get(gateway.actualPort(), "127.0.0.1", "/api/v1/events")
        .putHeader("Authorization", "Basic dXNlcjpwYXNz").send());
    assertError(basic, 401, "unauthorized");
    // A body the caller sent along is drained, so the connection stays usable.
    assertError(send(gateway, HttpMethod.POST, "/api/v1/events", null, Buffer.buffer(new byte[256 * 1024])), 401,
        "unauthorized");
    assertThat(EVENTS_CALLS.get()).isEqualTo(before);
  }

  @Test
  void answers502WhenTheBackendIsDownAnd504WhenItHangs() {
    String token = token(UUID.randomUUID());
    var down = get("/api/v1/budget/b1", token);
    assertError(down, 502, "bad_gateway");
    assertThat(down.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("budget-service");

    long start = System.nanoTime();
    assertError(get("/api/v1/slow", token), 504, "gateway_timeout");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void answersCorsPreflightsForAnyOriginWithStar() {
    var preflight = await(http.request(HttpMethod.OPTIONS, gateway.actualPort(), "127.0.0.1", "/api/v1/events")
        .putHeader("Origin", "http://localhost:3000")
        .putHeader("Access-Control-Request-Method", "POST")
        .putHeader("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
        .send());
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("POST").contains("PATCH");
    assertThat(preflight.getHeader("Access-Control-Allow-Headers").toLowerCase())
        .contains("authorization").contains("content-type").contains("idempotency-key");

    var actual = await(http.get(gateway.actualPort(), "127.0.0.1", "/api/v1/events")
        .putHeader("Origin", "http://localhost:3000").putHeader("Authorization", "Bearer " + token(UUID.randomUUID()))
        .send());
    assertThat(actual.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(actual.getHeader("Access-Control-Expose-Headers")).contains("X-Request-Id");
  }

  @Test
  void allowsOnlyConfiguredOrigins() {
    var allowed = await(http.request(HttpMethod.OPTIONS, strict.actualPort(), "127.0.0.1", "/api/v1/events")
        .putHeader("Origin", APP_ORIGIN).putHeader("Access-Control-Request-Method", "GET").send());
    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP_ORIGIN);
    assertThat(allowed.getHeader("Vary")).contains("Origin");

    var refused = await(http.request(HttpMethod.OPTIONS, strict.actualPort(), "127.0.0.1", "/api/v1/events")
        .putHeader("Origin", "https://evil.example").putHeader("Access-Control-Request-Method", "GET").send());
    assertError(refused, 403, "forbidden");
    assertThat(refused.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void compressesJsonOnlyAndKeepsTheBackendsCacheControl() {
    String token = token(UUID.randomUUID());
    var pdf = await(http.get(gateway.actualPort(), "127.0.0.1", "/api/v1/events/contract.pdf")
        .putHeader("Authorization", "Bearer " + token).putHeader("Accept-Encoding", "gzip").send());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.getHeader("Content-Encoding")).isNull();
    assertThat(pdf.getHeader("ETag")).isNull();
    assertThat(pdf.body().length()).isEqualTo(4096);

    var json = await(http.get(gateway.actualPort(), "127.0.0.1", "/api/v1/events/cached")
        .putHeader("Authorization", "Bearer " + token).putHeader("Accept-Encoding", "gzip").send());
    assertThat(json.getHeader("Content-Encoding")).isEqualTo("gzip");
    assertThat(json.getHeader("Cache-Control")).isEqualTo("public, max-age=300");
    // Errors, the gateway's own included, are member data too: never served from a cache unchecked.
    assertThat(get("/api/v1/events", null).getHeader("Cache-Control")).isEqualTo("private, no-cache");
    assertThat(get("/health/ready", null).getHeader("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void limitsRequestsPerUserWith429AndRetryAfter() {
    String ada = token(UUID.randomUUID());
    for (int i = 0; i < 3; i++) {
      assertThat(send(strict, HttpMethod.GET, "/api/v1/events", ada, null).statusCode()).isEqualTo(200);
    }
    var limited = send(strict, HttpMethod.GET, "/api/v1/events", ada, null);
    assertError(limited, 429, "rate_limited");
    assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 60);
    // Another user has a budget of their own.
    assertThat(send(strict, HttpMethod.GET, "/api/v1/events", token(UUID.randomUUID()), null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void proxiesWebSocketsEndToEnd() throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = await(client.connect(new WebSocketConnectOptions()
        .setPort(gateway.actualPort()).setHost("127.0.0.1").setURI("/realtime/v1?access_token=abc")
        .addSubProtocol("fashionos.v1")));
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    ws.textMessageHandler(received::add);
    Promise<Short> closed = Promise.promise();
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode()));
    assertThat(ws.subProtocol()).isEqualTo("fashionos.v1");

    ws.writeTextMessage("hello");
    assertThat(received.poll(10, TimeUnit.SECONDS))
        .isEqualTo("echo:hello path:/realtime/v1 query:access_token=abc protocol:fashionos.v1");
    // Quiet for longer than the backend timeout (800 ms): an open socket is not a hanging request.
    Eventually.holdsFor(Duration.ofMillis(1_200), () -> {
      assertThat(ws.isClosed()).isFalse();
      assertThat(received).isEmpty();
    });
    ws.writeTextMessage("still there");
    assertThat(received.poll(10, TimeUnit.SECONDS)).startsWith("echo:still there");
    // The backend closing reaches the client with its code.
    ws.writeTextMessage("bye");
    assertThat(await(closed.future())).isEqualTo((short) 4000);
    await(client.close());
  }

  @Test
  void passesABackendsUpgradeRefusalOn() {
    WebSocketClient client = vertx.createWebSocketClient();
    Future<WebSocket> refused = client.connect(gateway.actualPort(), "127.0.0.1", "/realtime/v1?mode=reject");
    assertThatThrownBy(() -> await(refused)).isInstanceOf(UpgradeRejectedException.class)
        .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(401));
    await(client.close());
  }

  @Test
  void forwardsRealtimeHttpFallbackAndAnswers404WithoutARealtimeBackend() {
    var poll = get("/realtime/v1/poll?cursor=5", null);
    assertThat(poll.statusCode()).isEqualTo(200);
    assertThat(poll.bodyAsString()).isEqualTo("long-poll");

    assertError(send(strict, HttpMethod.GET, "/realtime/v1", null, null), 404, "not_found");
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions fromApp = new WebSocketConnectOptions().setPort(strict.actualPort()).setHost("127.0.0.1")
        .setURI("/realtime/v1").putHeader("Origin", APP_ORIGIN);
    assertThatThrownBy(() -> await(client.connect(fromApp)))
        .isInstanceOf(UpgradeRejectedException.class)
        .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(404));
    // Browsers send Origin on upgrades too: a foreign page cannot open the user's socket.
    WebSocketConnectOptions fromElsewhere = new WebSocketConnectOptions(fromApp).putHeader("Origin", "https://evil.example");
    assertThatThrownBy(() -> await(client.connect(fromElsewhere)))
        .isInstanceOf(UpgradeRejectedException.class)
        .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(403));
    await(client.close());
  }

  @Test
  void writesOneAccessLogLinePerRequest() {
    UUID user = UUID.randomUUID();
    var response = await(http.get(gateway.actualPort(), "127.0.0.1", "/api/v1/events?secret=do-not-log")
        .putHeader("Authorization", "Bearer " + token(user)).putHeader("X-Request-Id", "log-line-1").send());
    assertThat(response.statusCode()).isEqualTo(200);
    get("/health/live", null);

    // The end handler that logs runs as the response completes, possibly just after the client has it.
    List<String> lines = Eventually.eventually("the access log line", () -> logLines().stream()
        .filter(line -> line.contains("request=log-line-1")).toList(), found -> !found.isEmpty());
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("GET /api/v1/events 200 ").contains("user=" + user).doesNotContain("secret");
    assertThat(logLines()).noneMatch(line -> line.contains("/health/"));
  }

  private static List<String> logLines() {
    return accessLog.lines();
  }

  @Test
  void reportsReadyOnlyOnceListening() {
    var ready = get("/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("ready");
  }

  private static GatewayConfig.TableRow tableRow(String service) {
    return GatewayConfig.TABLE.stream().filter(row -> row.service().equals(service)).findFirst().orElseThrow();
  }
}
