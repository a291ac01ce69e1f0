package com.fashionos.realtime;

import static com.fashionos.realtime.RealtimeTestBed.recordIds;
import static com.fashionos.realtime.RealtimeTestBed.renamedTo;
import static com.fashionos.realtime.RealtimeTestBed.renames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.EmbeddedKafka;
import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Kafka broker restart under a live stack: its own broker (the shared one must stay up for the
 * other tests), a real events-service writing through its outbox, a realtime gateway, and a
 * client that stays connected throughout.
 */
@ExtendWith(TestEngines.class)
class KafkaRestartTest {
  private static final Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static EmbeddedKafka kafka;
  private static RealtimeTestBed bed;
  private static int port;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    kafka = EmbeddedKafka.startTransient();
    KafkaConfig own = new KafkaConfig(kafka.bootstrapServers(), "restart.", 3, (short) 1);
    bed = new RealtimeTestBed(vertx, stack, own);
    port = bed.gateway(RealtimeConfig.Limits.DEFAULTS).port();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    kafka.close();
  }

  @Test
  void aConnectedClientGetsEveryChangeMadeBeforeDuringAndAfterTheRestartInOrder() {
    String id = bed.eventWithMember("Broker restart");
    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, bed.member.token())) {
      String cursor = marcus.subscribe(id).getString("cursor");
      bed.rename(id, "Before");
      marcus.next(renamedTo("Before"), PATIENCE);

      kafka = kafka.restart();
      // Written while the gateway's reader and the outbox relay reconnect: acknowledged by the API,
      // so it must arrive.
      bed.rename(id, "During");
      bed.rename(id, "After");
      List<JsonObject> live = new ArrayList<>();
      JsonObject frame;
      do {
        frame = marcus.next(m -> "change".equals(m.getString("type")), PATIENCE);
        live.add(frame);
      } while (!renamedTo("After").test(frame));
      assertThat(renames(live)).containsExactly("During", "After");

      // And a client that was away the whole time resumes with nothing missing or twice.
      try (RealtimeClient phone = RealtimeClient.signedIn(vertx, port, bed.member.token())) {
        List<JsonObject> replayed = new ArrayList<>();
        assertThat(phone.subscribe(id, cursor, replayed).getString("type")).isEqualTo("subscribed");
        assertThat(renames(replayed)).containsExactly("Before", "During", "After");
        assertThat(recordIds(replayed)).doesNotHaveDuplicates();
      }
    }
  }
}
