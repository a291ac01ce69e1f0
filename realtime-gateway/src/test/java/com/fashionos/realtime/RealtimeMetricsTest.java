package com.fashionos.realtime;

import static com.fashionos.embedded.Eventually.eventually;
import static com.fashionos.realtime.RealtimeTestBed.renamedTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Scrape;
import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's {@code /metrics}: open WebSockets and SSE streams and their subscriptions go up
 * and back down as clients come and go, and every message written is counted by transport.
 */
@ExtendWith(TestEngines.class)
class RealtimeMetricsTest {
  private static final Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static RealtimeTestBed bed;
  private static int port;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    bed = new RealtimeTestBed(vertx, stack);
    port = bed.gateway(RealtimeConfig.Limits.DEFAULTS).port();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void connectionsSubscriptionsAndFramesFollowTheClients() {
    String id = bed.eventWithMember("Metered show");
    Scrape before = Scrape.of(port);
    double frames = before.value("fashionos_realtime_frames_sent_total", "transport", "websocket");
    double sseFrames = before.value("fashionos_realtime_frames_sent_total", "transport", "sse");
    assertThat(before.samples("fashionos_realtime_connections", "transport", "websocket")).singleElement()
        .satisfies(open -> assertThat(open.value()).isZero());

    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, bed.member.token());
        SseClient sse = SseClient.open(vertx, port, RealtimeTestBed.streamUri(id, null)
            + "?access_token=" + bed.member.token(), Map.of())) {
      marcus.subscribe(id);
      sse.next(event -> "subscribed".equals(event.event()), PATIENCE);
      bed.rename(id, "Metered rename");
      marcus.next(renamedTo("Metered rename"), PATIENCE);

      eventually("the open streams and their frames counted", () -> {
        Scrape scrape = Scrape.of(port);
        assertThat(scrape.value("fashionos_realtime_connections", "transport", "websocket")).isEqualTo(1);
        assertThat(scrape.value("fashionos_realtime_connections", "transport", "sse")).isEqualTo(1);
        assertThat(scrape.value("fashionos_realtime_subscriptions", "transport", "websocket")).isEqualTo(1);
        assertThat(scrape.value("fashionos_realtime_subscriptions", "transport", "sse")).isEqualTo(1);
        // authenticated, subscribed and the change, at least.
        assertThat(scrape.value("fashionos_realtime_frames_sent_total", "transport", "websocket")).isGreaterThanOrEqualTo(frames + 3);
        assertThat(scrape.value("fashionos_realtime_frames_sent_total", "transport", "sse")).isGreaterThanOrEqualTo(sseFrames + 2);
      });
    }

    eventually("the closed streams no longer counted", () -> {
      Scrape scrape = Scrape.of(port);
      assertThat(scrape.value("fashionos_realtime_connections", "transport", "websocket")).isZero();
      assertThat(scrape.value("fashionos_realtime_connections", "transport", "sse")).isZero();
      assertThat(scrape.value("fashionos_realtime_subscriptions", "transport", "websocket")).isZero();
      assertThat(scrape.value("fashionos_realtime_subscriptions", "transport", "sse")).isZero();
      assertThat(scrape.value("fashionos_realtime_slow_client_drops_total", "transport", "websocket")).isZero();
    });
  }
}
