package com.fashionos.gateway;

import static com.fashionos.gateway.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.auth.AuthConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests the HTTP decoder refuses before the router (a 64 KB token, a 5,000-character path)
 * get the same JSON error as everything else, not a bare status.
 */
class OversizedRequestTest {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static Vertx vertx;
  private static String baseUrl;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    ApiGatewayVerticle gateway = new ApiGatewayVerticle(new GatewayConfig(0, List.of(), 0, false, List.of(),
        Duration.ofSeconds(5)), new AuthConfig("oversized-test-secret-oversized-test", null), null);
    await(vertx.deployVerticle(gateway));
    baseUrl = "http://127.0.0.1:" + gateway.actualPort();
  }

  @AfterAll
  static void tearDown() {
    await(vertx.close());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject error(HttpResponse<String> answer) {
    assertThat(answer.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return new JsonObject(answer.body()).getJsonObject("error");
  }

  @Test
  void aSixtyFourKilobyteTokenIsAJson431() throws Exception {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/events"))
        .header("Authorization", "Bearer " + "a".repeat(64 * 1024)));
    assertThat(answer.statusCode()).isEqualTo(431);
    JsonObject error = error(answer);
    assertThat(error.getString("code")).isEqualTo("headers_too_large");
    assertThat(error.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("headers");
  }

  @Test
  void aFiveThousandCharacterPathIsAJson414() throws Exception {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/events/" + "x".repeat(5000))));
    assertThat(answer.statusCode()).isEqualTo(414);
    assertThat(error(answer).getString("code")).isEqualTo("uri_too_long");
  }

  @Test
  void anOrdinaryRequestStillReachesTheRouter() throws Exception {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/events")));
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(error(answer).getString("code")).isEqualTo("unauthorized");
  }
}
