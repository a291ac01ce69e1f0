package com.fashionos.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gateway replica that stops (the SIGTERM drain the Launcher runs): readiness turns 503 first,
 * then every WebSocket is told {@code reconnect} and closed with 1012, every SSE stream gets a
 * {@code reconnect} event and ends, so clients resume from their cursors on another replica.
 */
@ExtendWith(TestEngines.class)
class RealtimeDrainTest {
  private static final Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static RealtimeTestBed bed;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    bed = new RealtimeTestBed(vertx, stack);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void aStoppingReplicaSendsEveryClientToReconnect() throws Exception {
    RealtimeGatewayVerticle gateway = bed.gateway(RealtimeConfig.Limits.DEFAULTS);
    int port = gateway.port();
    String id = bed.eventWithMember("Drained show");
    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, bed.member.token());
        RealtimeClient anonymous = RealtimeClient.connect(vertx, port, null);
        SseClient sarah = SseClient.open(vertx, port, RealtimeTestBed.streamUri(id, null), RealtimeTestBed.bearer(bed.lead))) {
      assertThat(marcus.subscribe(id).getString("type")).isEqualTo("subscribed");
      sarah.next(e -> "subscribed".equals(e.event()), PATIENCE);

      gateway.drain();
      TestApi.Answer ready = new TestApi("http://localhost:" + port).get("/health/ready").send();
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().getString("status")).isEqualTo("stopping");

      gateway.shutdown(Duration.ofSeconds(2)).await(PATIENCE.toSeconds(), TimeUnit.SECONDS);

      JsonObject reconnect = marcus.next(m -> "reconnect".equals(m.getString("type")), PATIENCE);
      assertThat(reconnect.getString("reason")).isEqualTo("server_restart");
      assertThat(marcus.closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo((short) 1012);
      // Not yet signed in, told all the same.
      assertThat(anonymous.next(m -> "reconnect".equals(m.getString("type")), PATIENCE)).isNotNull();
      assertThat(anonymous.closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo((short) 1012);
      assertThat(sarah.next(e -> "reconnect".equals(e.event()), PATIENCE).data().getString("type")).isEqualTo("reconnect");
      sarah.bodyWhenEnded(PATIENCE);
    }
  }
}
