package com.fashionos.realtime;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.health.Metrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live feed skips what it cannot turn into a frame (garbage, a row change of the wrong shape),
 * counts it, and delivers the next change of the same event: it keeps no database to park records
 * in, and the services' consumers park them.
 */
@ExtendWith(TestEngines.class)
class RealtimePoisonRecordTest {
  private static final Vertx vertx = Vertx.vertx();
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
  void recordsThatAreNoFrameAreSkippedAndCountedAndTheNextChangeIsDelivered() throws Exception {
    String eventId = bed.eventWithMember("Poison feed");
    String topic = Topics.name(bed.kafka, Topics.EVENTS);
    double skippedBefore = skipped(topic);
    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, bed.member.token());
         KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
             bed.kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
      assertThat(marcus.subscribe(eventId).getString("type")).isEqualTo("subscribed");
      JsonObject misshapen = RowChange.of("events", Operation.UPDATE, new JsonObject().put("id", eventId), null,
          bed.lead.id(), Instant.now(), Instant.now()).toJson().put("new", "not a row");
      ChangeRecord poison = ChangeRecord.of("/fashionos/events-service", RowChange.type("events", "events"), null,
          UUID.fromString(eventId), misshapen);
      producer.send(new ProducerRecord<>(topic, eventId, "{garbage")).get();
      producer.send(new ProducerRecord<>(topic, eventId, poison.toJson().encode())).get();
      bed.rename(eventId, "After the poison");

      assertThat(marcus.next(RealtimeTestBed.renamedTo("After the poison"), Duration.ofSeconds(10))).isNotNull();
      eventually("both poison records counted", () -> assertThat(skipped(topic)).isEqualTo(skippedBefore + 2));
    }
  }

  private static double skipped(String topic) {
    Counter counter = Metrics.registry(vertx).find("fashionos.realtime.skipped.records").tag("topic", topic).counter();
    return counter == null ? 0 : counter.count();
  }
}
