package com.fashionos.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Scrape;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's {@code /metrics}: its requests by route template (unmatched for a path no route
 * takes; Vert.x names the wildcard route {@code /api/*} by its prefix {@code /api/}) and what it
 * forwarded by backend and status.
 */
class GatewayMetricsTest {
  private static final String SECRET = "metrics-test-secret-metrics-test-secret";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String REQUESTS = "vertx_http_server_requests_total";
  private static final String PROXIED = "fashionos_gateway_proxied_requests_seconds_count";
  private static Vertx vertx;
  /** The backend on a Vert.x of its own, so its requests are not the gateway's. */
  private static Vertx backendVertx;
  private static int port;
  private static String token;

  @BeforeAll
  static void start() {
    backendVertx = Vertx.vertx();
    int backend = backendVertx.createHttpServer()
        .requestHandler(req -> req.response().setStatusCode(req.path().endsWith("/broken") ? 500 : 200).end("{}"))
        .listen(0).await().actualPort();
    vertx = Vertx.vertx(Metrics.vertxOptions());
    List<ServiceRoute> routes = List.of(ServiceRoute.of("events-service", "^/api/v1/events(/.*)?$", "http://127.0.0.1:" + backend));
    ApiGatewayVerticle gateway = new ApiGatewayVerticle(
        new GatewayConfig(0, List.of(), 0, false, routes, Duration.ofSeconds(5)), new AuthConfig(SECRET, null), null);
    vertx.deployVerticle(gateway).await();
    port = gateway.actualPort();
    long now = System.currentTimeMillis() / 1000;
    token = TokenVerifier.signer(vertx, SECRET).generateToken(new JsonObject().put("sub", UUID.randomUUID().toString())
        .put("role", "authenticated").put("aud", "authenticated").put("iat", now).put("exp", now + 3600));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    backendVertx.close().await();
  }

  @Test
  void requestsAreCountedByRouteAndByBackend() throws Exception {
    Scrape before = Scrape.of(port);
    double ok = before.value(PROXIED, "backend", "events-service", "status", "200");
    double failed = before.value(PROXIED, "backend", "events-service", "status", "500");
    double api = before.value(REQUESTS, "route", "/api/", "code", "200");
    double unmatched = before.value(REQUESTS, "route", Metrics.UNMATCHED, "code", "404");

    assertThat(get("/api/v1/events/" + UUID.randomUUID())).isEqualTo(200);
    assertThat(get("/api/v1/events/" + UUID.randomUUID())).isEqualTo(200);
    assertThat(get("/api/v1/events/x/broken")).isEqualTo(500);
    assertThat(get("/somewhere/else")).isEqualTo(404);

    Scrape after = Scrape.of(port);
    assertThat(after.value(PROXIED, "backend", "events-service", "status", "200")).isEqualTo(ok + 2);
    assertThat(after.value(PROXIED, "backend", "events-service", "status", "500")).isEqualTo(failed + 1);
    assertThat(after.value(REQUESTS, "route", "/api/", "code", "200")).isEqualTo(api + 2);
    assertThat(after.value(REQUESTS, "route", Metrics.UNMATCHED, "code", "404")).isEqualTo(unmatched + 1);
    assertThat(after.all()).noneMatch(sample -> sample.labels().getOrDefault("route", "").contains("/api/v1/events"));
  }

  private static int get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
