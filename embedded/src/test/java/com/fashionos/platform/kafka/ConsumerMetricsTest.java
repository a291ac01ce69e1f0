package com.fashionos.platform.kafka;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Scrape;
import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /metrics} shows a consumer's lag (records published but not committed, fetched or not),
 * the records it processed, its retries and what it parked, by consumer group and topic.
 */
@ExtendWith(TestEngines.class)
class ConsumerMetricsTest {
  private static final ServiceSchema SCHEMA = new ServiceSchema("consumermetrics", null);
  private static final String GROUP = "consumermetrics.gated";
  private static Vertx vertx;
  private static KafkaConfig kafka;
  private static String topic;
  private static KafkaProducer<String, String> producer;
  private static final Promise<Void> gate = Promise.promise();
  private static final Set<UUID> failedOnce = ConcurrentHashMap.newKeySet();
  private static int port;

  /** Holds a {@code gate} record until the test opens the gate; fails a {@code fail_once} record once. */
  static final class GatedConsumer extends ChangeRecordConsumer {
    GatedConsumer(Database database) {
      super(kafka, GROUP, List.of(Topics.EVENTS), database);
    }

    @Override
    protected Future<Void> apply(Transaction tx, ChangeRecord record) {
      if (record.data().getBoolean("gate", false)) return gate.future();
      if (record.data().getBoolean("fail_once", false) && failedOnce.add(record.id())) {
        return Future.failedFuture(new IllegalStateException("once"));
      }
      return Future.succeededFuture();
    }
  }

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    vertx = Vertx.vertx(Metrics.vertxOptions());
    KafkaConfig shared = stack.kafka();
    kafka = new KafkaConfig(shared.bootstrapServers(), "consumermetrics.", shared.partitions(), shared.replicationFactor());
    topic = Topics.name(kafka, Topics.EVENTS);
    KafkaClients.ensureTopics(vertx, kafka).await();
    Database database = Database.open(vertx, stack.freshDatabase().withPoolSize(3), SCHEMA).await();
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(),
        new StringSerializer());
    GatedConsumer consumer = new GatedConsumer(database);
    consumer.configure(new ConsumerSettings(3, Duration.ofMillis(20), Duration.ofMinutes(1), ConsumerSettings.DEFAULTS.dedupeRetention()));
    vertx.deployVerticle(consumer).await();
    port = Scrape.serve(vertx);
  }

  @AfterAll
  static void stop() {
    gate.tryComplete();
    producer.close();
    vertx.close().await();
  }

  @Test
  void lagProcessedRetriesAndParkedAreScraped() {
    String[] labels = {"consumer", GROUP, "topic", topic};
    UUID eventId = UUID.randomUUID();
    publish(eventId, new JsonObject().put("gate", true));
    for (int i = 0; i < 5; i++) publish(eventId, new JsonObject().put("n", i));
    producer.flush();

    // The held record (and those fetched with it) are not committed; those not fetched yet are behind.
    eventually("the lag seen", () -> assertThat(Scrape.of(port).value("fashionos_consumer_lag_records", labels))
        .isGreaterThanOrEqualTo(1));
    assertThat(Scrape.of(port).value("fashionos_consumer_records_processed_total", labels)).isZero();

    gate.complete();
    eventually("the records processed and the lag gone", () -> {
      Scrape scrape = Scrape.of(port);
      assertThat(scrape.value("fashionos_consumer_records_processed_total", labels)).isEqualTo(6);
      assertThat(scrape.value("fashionos_consumer_lag_records", labels)).isZero();
    });

    double parked = Scrape.of(port).value("fashionos_consumer_parked_records_total", "consumer", GROUP);
    publish(eventId, new JsonObject().put("fail_once", true));
    producer.send(new ProducerRecord<>(topic, eventId.toString(), "{garbage"));
    eventually("a retry and a parked record counted", () -> {
      Scrape scrape = Scrape.of(port);
      assertThat(scrape.value("fashionos_consumer_retries_total", labels)).isEqualTo(1);
      assertThat(scrape.value("fashionos_consumer_records_processed_total", labels)).isEqualTo(7);
      assertThat(scrape.value("fashionos_consumer_parked_records_total", "consumer", GROUP)).isEqualTo(parked + 1);
    });
  }

  private static void publish(UUID eventId, JsonObject data) {
    ChangeRecord record = ChangeRecord.of("/fashionos/test", "test.metrics", null, eventId, data);
    producer.send(new ProducerRecord<>(topic, record.key(), record.toJson().encode()));
  }
}
