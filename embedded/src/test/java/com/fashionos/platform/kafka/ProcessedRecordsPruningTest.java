package com.fashionos.platform.kafka;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.db.Transaction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dedupe log keeps what deduplication needs and no more: a consumer's processed records
 * older than its retention are pruned, younger ones (and those of records still parked) stay, so
 * a copy delivered inside the window is still ignored; one delivered after it is applied again.
 */
@ExtendWith(TestEngines.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ProcessedRecordsPruningTest {
  private static final ServiceSchema SCHEMA = new ServiceSchema("prunetest", null);
  private static final Duration RETENTION = Duration.ofDays(1);
  /** Records of one event share a partition: consumed in the order sent. */
  private static final UUID EVENT = UUID.randomUUID();
  private static Vertx vertx;
  private static KafkaConfig kafka;
  private static Database database;
  private static KafkaProducer<String, String> producer;
  private static CountingConsumer consumer;

  /** Counts how often each record's effect ran. */
  static final class CountingConsumer extends ChangeRecordConsumer {
    final Map<UUID, AtomicInteger> applied = new ConcurrentHashMap<>();

    CountingConsumer() {
      super(kafka, "prunetest.counting", List.of(Topics.EVENTS), ProcessedRecordsPruningTest.database);
    }

    @Override
    protected Future<Void> apply(Transaction tx, ChangeRecord record) {
      return Future.succeededFuture();
    }

    @Override
    protected void committed(ChangeRecord record) {
      applied.computeIfAbsent(record.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    int times(ChangeRecord record) {
      AtomicInteger count = applied.get(record.id());
      return count == null ? 0 : count.get();
    }
  }

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    vertx = Vertx.vertx();
    kafka = stack.kafka();
    database = Database.open(vertx, stack.freshDatabase().withPoolSize(3), SCHEMA).await();
    KafkaClients.ensureTopics(vertx, kafka).await();
    producer = new KafkaProducer<>(new HashMap<String, Object>(KafkaClients.clientConfig(kafka)), new StringSerializer(),
        new StringSerializer());
    consumer = new CountingConsumer();
    consumer.configure(new ConsumerSettings(3, Duration.ofMillis(20), Duration.ofMinutes(1), RETENTION));
    vertx.deployVerticle(consumer).await();
  }

  @AfterAll
  static void stop() {
    producer.close();
    vertx.close().await();
  }

  @Test
  void oldRowsGoRecentOnesStayAndARedeliveryInsideTheWindowIsIgnored() {
    ChangeRecord old = publish();
    ChangeRecord recent = publish();
    ChangeRecord parkedSince = publish();
    eventually("all three applied", () -> assertThat(List.of(consumer.times(old), consumer.times(recent),
        consumer.times(parkedSince))).containsOnly(1));
    // Processed two days ago; the third was also parked once and not replayed yet.
    for (ChangeRecord record : List.of(old, parkedSince)) {
      database.pool().preparedQuery("UPDATE processed_records SET processed_at = now() - interval '2 days' WHERE record_id = $1")
          .execute(Tuple.of(record.id())).await();
    }
    database.pool().preparedQuery("INSERT INTO parked_records (consumer, topic, partition, \"offset\", record_id, error, attempts) "
        + "VALUES ($1, 'test', 0, 0, $2, 'failed once', 3)").execute(Tuple.of(consumer.name(), parkedSince.id())).await();

    long pruned = new ProcessedRecords(database).prune(consumer.name(), RETENTION).await();

    assertThat(pruned).isEqualTo(1);
    assertThat(isProcessed(old)).isFalse();
    assertThat(isProcessed(recent)).isTrue();
    assertThat(isProcessed(parkedSince)).isTrue();

    send(recent);
    send(old);
    ChangeRecord after = publish();
    eventually("the records after the copies applied", () -> assertThat(consumer.times(after)).isEqualTo(1));
    assertThat(consumer.times(recent)).as("a copy inside the window").isEqualTo(1);
    assertThat(consumer.times(old)).as("a copy after the window").isEqualTo(2);
  }

  @Test
  void prunesInBatchesUntilNothingIsLeftPastTheRetention() {
    String other = "prunetest.bulk";
    database.pool().preparedQuery("INSERT INTO processed_records (consumer, record_id, topic, processed_at) "
            + "SELECT $1, gen_random_uuid(), 'test', now() - interval '3 days' FROM generate_series(1, $2)")
        .execute(Tuple.of(other, ProcessedRecords.BATCH * 2 + 5)).await();

    assertThat(new ProcessedRecords(database).prune(other, RETENTION).await()).isEqualTo(ProcessedRecords.BATCH * 2 + 5L);
    assertThat(database.pool().preparedQuery("SELECT count(*) FROM processed_records WHERE consumer = $1")
        .execute(Tuple.of(other)).await().iterator().next().getLong(0)).isZero();
  }

  private static boolean isProcessed(ChangeRecord record) {
    return database.pool().preparedQuery("SELECT 1 FROM processed_records WHERE consumer = $1 AND record_id = $2")
        .execute(Tuple.of(consumer.name(), record.id())).await().size() == 1;
  }

  private static ChangeRecord publish() {
    ChangeRecord record = ChangeRecord.of("/fashionos/test", "test.counting", null, EVENT, new JsonObject());
    send(record);
    return record;
  }

  private static void send(ChangeRecord record) {
    producer.send(new ProducerRecord<>(Topics.name(kafka, Topics.EVENTS), record.key(), record.toJson().encode()));
  }
}
