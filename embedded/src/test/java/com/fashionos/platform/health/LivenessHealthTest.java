package com.fashionos.platform.health;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Liveness fails only for a wedged event loop: with one loop blocked, {@code /health/live}
 * (served by another loop) answers 503 naming it, and 200 again once it is free.
 */
class LivenessHealthTest {
  private static Vertx vertx;
  private static ContextInternal serverContext;
  private static int port;
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    HttpServerVerticle verticle = new HttpServerVerticle();
    vertx.deployVerticle(verticle).await();
    port = verticle.server.actualPort();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  static final class HttpServerVerticle extends VerticleBase {
    HttpServer server;

    @Override
    public Future<?> start() {
      serverContext = (ContextInternal) context;
      return vertx.createHttpServer().requestHandler(new ServiceRouter(vertx).router()).listen(0)
          .onSuccess(listening -> server = listening);
    }
  }

  @Test
  void aBlockedEventLoopFailsLivenessUntilItIsFree() throws Exception {
    assertThat(live().statusCode()).isEqualTo(200);
    ContextInternal other = ((VertxInternal) vertx).createEventLoopContext();
    while (other.nettyEventLoop() == serverContext.nettyEventLoop()) {
      other = ((VertxInternal) vertx).createEventLoopContext();
    }
    CountDownLatch release = new CountDownLatch(1);
    other.runOnContext(v -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      HttpResponse<String> wedged = eventually("liveness failing", Duration.ofSeconds(15), LivenessHealthTest::live,
          answer -> answer.statusCode() == 503);
      assertThat(new JsonObject(wedged.body()).getString("reason")).contains("blocked for");
    } finally {
      release.countDown();
    }
    eventually("liveness back", () -> assertThat(live().statusCode()).isEqualTo(200));
  }

  private static HttpResponse<String> live() {
    try {
      return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/live"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
