package com.fashionos.gateway;

import static com.fashionos.gateway.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.platform.auth.AuthConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gateway serves docs/openapi.yaml as JSON, without a token. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OpenApiDocumentTest {
  private static Vertx vertx;
  private static TestApi api;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    ApiGatewayVerticle gateway = new ApiGatewayVerticle(new GatewayConfig(0, List.of(), 0, false, List.of(),
        Duration.ofSeconds(5)), new AuthConfig("openapi-test-secret-openapi-test-secret", null), null);
    await(vertx.deployVerticle(gateway));
    api = new TestApi("http://127.0.0.1:" + gateway.actualPort());
  }

  @AfterAll
  static void tearDown() {
    await(vertx.close());
  }

  @Test
  void theDocumentIsServedAsJsonWithoutAToken() throws Exception {
    TestApi.Answer answer = api.get("/api/v1/openapi.json").send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().get("content-type")).startsWith("application/json");
    assertThat(answer.headers().get("cache-control")).contains("max-age");
    JsonNode served = new ObjectMapper().readTree(answer.text());
    JsonNode source = new YAMLMapper().readTree(Path.of("..", "docs", "openapi.yaml").toFile());
    assertThat(served).isEqualTo(source);
    assertThat(served.path("openapi").asText()).startsWith("3.1");
  }
}
