package com.fashionos.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Scrape;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} counts requests by the route template that answered them (never the raw path;
 * {@code unmatched} when no route took the request), with a latency histogram, and counts the
 * readiness probes each check failed.
 */
class HttpMetricsTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String REQUESTS = "vertx_http_server_requests_total";
  private static final String ROUTE = "/api/v1/events/:eventId";
  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx(Metrics.vertxOptions());
    Service service = new Service();
    vertx.deployVerticle(service).await();
    port = service.port;
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** A service's shape: a prefix route every API request passes (authentication), then its own route. */
  static final class Service extends VerticleBase {
    int port;

    @Override
    public Future<?> start() {
      ServiceRouter service = new ServiceRouter(vertx);
      Router router = service.router();
      router.route("/api/*").handler(ctx -> ctx.next());
      router.get(ROUTE).handler(ctx -> ctx.response().end("{}"));
      service.readinessCheck("broken", () -> Future.failedFuture("always"));
      service.markReady();
      return vertx.createHttpServer().requestHandler(router).listen(0).onSuccess(server -> port = server.actualPort());
    }
  }

  @Test
  void requestsAreCountedByRouteTemplateAndUnmatchedPathsTogether() throws Exception {
    Scrape before = Scrape.of(port);
    double events = before.value(REQUESTS, "route", ROUTE, "code", "200", "method", "GET");
    double unmatched = before.value(REQUESTS, "route", Metrics.UNMATCHED, "code", "404");

    assertThat(get("/api/v1/events/" + java.util.UUID.randomUUID())).isEqualTo(200);
    assertThat(get("/api/v1/events/another")).isEqualTo(200);
    assertThat(get("/no/such/path/1")).isEqualTo(404);
    assertThat(get("/no/such/path/2")).isEqualTo(404);

    Scrape after = Scrape.of(port);
    assertThat(after.value(REQUESTS, "route", ROUTE, "code", "200", "method", "GET")).isEqualTo(events + 2);
    assertThat(after.value(REQUESTS, "route", Metrics.UNMATCHED, "code", "404")).isEqualTo(unmatched + 2);
    assertThat(after.all()).noneMatch(sample -> sample.labels().getOrDefault("route", "").contains("another")
        || sample.labels().getOrDefault("route", "").contains("/no/such"));
    assertThat(after.samples("vertx_http_server_response_time_seconds_bucket", "route", ROUTE, "le", "0.1"))
        .singleElement().satisfies(bucket -> assertThat(bucket.value()).isGreaterThanOrEqualTo(events + 2));
    assertThat(after.value("vertx_http_server_response_time_seconds_count", "route", ROUTE, "code", "200"))
        .isEqualTo(events + 2);
  }

  @Test
  void readinessFailuresAreCountedByCheck() throws Exception {
    double before = Scrape.of(port).value("fashionos_readiness_failures_total", "check", "broken");
    assertThat(get("/health/ready")).isEqualTo(503);
    assertThat(get("/health/ready")).isEqualTo(503);
    assertThat(Scrape.of(port).value("fashionos_readiness_failures_total", "check", "broken")).isEqualTo(before + 2);
  }

  private static int get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
