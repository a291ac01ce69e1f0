package com.fashionos.gateway;

import static com.fashionos.gateway.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.auth.TokenVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A backend replica that stops drops connections before answering; the gateway sends a request
 * that may be sent twice again, so the caller sees the answer of the next try and never a 5xx,
 * and sends a request that may not (a POST without Idempotency-Key) only once.
 */
@ExtendWith(VertxExtension.class)
class BackendRetryTest {
  private static final String SECRET = "retry-test-secret-retry-test-secret";
  /** Tries per path; the first {@link #DROPPED} of each path lose their connection unanswered. */
  private static final Map<String, AtomicInteger> TRIES = new ConcurrentHashMap<>();
  private static final int DROPPED = 3;
  private static Vertx vertx;
  private static WebClient http;
  private static ApiGatewayVerticle gateway;
  private static String token;

  @BeforeAll
  static void setUp(Vertx v) {
    vertx = v;
    http = WebClient.create(vertx);
    HttpServer backend = await(vertx.createHttpServer().requestHandler(BackendRetryTest::stopping).listen(0));
    List<ServiceRoute> routes = List.of(GatewayConfig.TABLE.stream()
        .filter(row -> row.service().equals("events-service")).findFirst().orElseThrow()
        .at("http://127.0.0.1:" + backend.actualPort()));
    gateway = new ApiGatewayVerticle(new GatewayConfig(0, List.of(), 0, false, routes, Duration.ofSeconds(5)),
        new AuthConfig(SECRET, null), null);
    await(vertx.deployVerticle(gateway));
    long now = System.currentTimeMillis() / 1000;
    token = TokenVerifier.signer(vertx, SECRET).generateToken(new JsonObject().put("sub", UUID.randomUUID().toString())
        .put("role", "authenticated").put("aud", "authenticated").put("iat", now).put("exp", now + 3600));
  }

  /** Drops the connection of a path's first tries (as a replica going away does), then answers with the body it got. */
  private static void stopping(HttpServerRequest req) {
    int tries = TRIES.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
    if (tries <= DROPPED) {
      req.connection().close();
      return;
    }
    req.body().onSuccess(body -> req.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("tries", tries).put("body", body.toString()).encode()));
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, Map<String, String> headers, String body) {
    var request = http.request(method, gateway.actualPort(), "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
    headers.forEach(request::putHeader);
    return await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  @Test
  void aGetWhoseConnectionBreaksIsTriedAgainAndAnswered() {
    HttpResponse<Buffer> answer = send(HttpMethod.GET, "/api/v1/events/e1", Map.of(), null);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getInteger("tries")).isEqualTo(DROPPED + 1);
  }

  @Test
  void aPostWithAnIdempotencyKeyIsSentAgainWithItsWholeBody() {
    String body = new JsonObject().put("name", "Spring Show").put("pad", "x".repeat(100_000)).encode();
    HttpResponse<Buffer> answer = send(HttpMethod.POST, "/api/v1/events",
        Map.of("Idempotency-Key", "retry-1", "Content-Type", "application/json"), body);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getInteger("tries")).isEqualTo(DROPPED + 1);
    assertThat(answer.bodyAsJsonObject().getString("body")).isEqualTo(body);
  }

  @Test
  void aPostWithoutAnIdempotencyKeyIsSentOnce() {
    HttpResponse<Buffer> answer = send(HttpMethod.POST, "/api/v1/venues",
        Map.of("Content-Type", "application/json"), "{\"name\":\"Hall\"}");
    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(TRIES.get("/api/v1/venues").get()).isEqualTo(1);
  }
}
