package com.fashionos.platform.kafka;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.health.Metrics;
import com.fashionos.platform.http.ApiException;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mechanism every consumer inherits, on a tiny consumer over real PostgreSQL and Kafka: a
 * record that fails is tried again with backoff, a record that keeps failing (or cannot be read)
 * is parked with its error and counted, and the records after it are applied; the database's own
 * trouble never parks a record; parked records can be replayed.
 */
@ExtendWith(TestEngines.class)
class ChangeRecordConsumerPoisonRecordTest {
  private static final ServiceSchema SCHEMA = new ServiceSchema("poisontest", null);
  private static final ConsumerSettings SETTINGS = new ConsumerSettings(3, Duration.ofMillis(20), Duration.ofMillis(500), ConsumerSettings.DEFAULTS.dedupeRetention());
  private static Vertx vertx;
  private static KafkaConfig kafka;
  private static Database database;
  private static KafkaProducer<String, String> producer;
  private static LedgerConsumer consumer;

  /**
   * Applies {@code {"amount": ...}} to a numeric(14,2) column: an amount beyond it fails in SQL
   * every time, the poison. {@code "fail_first": n} fails n times with a record error first,
   * {@code "transient_first": n} n times with a lost connection's error.
   */
  static final class LedgerConsumer extends ChangeRecordConsumer {
    final Map<UUID, AtomicInteger> tries = new ConcurrentHashMap<>();

    LedgerConsumer() {
      super(kafka, "poisontest.ledger", List.of(Topics.EVENTS), ChangeRecordConsumerPoisonRecordTest.database);
    }

    @Override
    protected Future<Void> apply(Transaction tx, ChangeRecord record) {
      int tried = tries.computeIfAbsent(record.id(), id -> new AtomicInteger()).incrementAndGet();
      if (tried <= record.data().getInteger("fail_first", 0)) return Future.failedFuture(new IllegalStateException("flaky " + tried));
      if (tried <= record.data().getInteger("transient_first", 0)) {
        return Future.failedFuture(new PgException("connection lost", "FATAL", "08006", null));
      }
      return tx.sql().preparedQuery("INSERT INTO ledger (record_id, amount) VALUES ($1, $2::text::numeric)")
          .execute(Tuple.of(record.id(), record.data().getString("amount"))).mapEmpty();
    }
  }

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    vertx = Vertx.vertx();
    kafka = stack.kafka();
    database = Database.open(vertx, stack.freshDatabase().withPoolSize(3), SCHEMA).await();
    database.pool().query("CREATE TABLE ledger (record_id uuid PRIMARY KEY, amount numeric(14,2) NOT NULL)").execute().await();
    KafkaClients.ensureTopics(vertx, kafka).await();
    producer = new KafkaProducer<>(new HashMap<String, Object>(KafkaClients.clientConfig(kafka)), new StringSerializer(),
        new StringSerializer());
    consumer = new LedgerConsumer();
    consumer.configure(SETTINGS);
    vertx.deployVerticle(consumer).await();
  }

  @AfterAll
  static void stop() {
    producer.close();
    vertx.close().await();
  }

  @Test
  void aRecordThatFailsInSqlIsParkedWithItsErrorCountedAndTheNextOneIsApplied() {
    double parkedBefore = parkedCount();
    UUID eventId = UUID.randomUUID();
    ChangeRecord poison = publish(eventId, new JsonObject().put("amount", "1" + "0".repeat(20)));
    ChangeRecord good = publish(eventId, new JsonObject().put("amount", "12.50"));

    eventually("the record after the poison applied", () -> assertThat(amountOf(good.id())).isEqualTo("12.50"));
    Row parked = parkedRow(poison.id());
    assertThat(parked.getString("consumer")).isEqualTo("poisontest.ledger");
    assertThat(parked.getString("topic")).isEqualTo(Topics.name(kafka, Topics.EVENTS));
    assertThat(parked.getString("error")).contains("numeric field overflow");
    assertThat(parked.getInteger("attempts")).isEqualTo(SETTINGS.attempts());
    assertThat(parked.getString("value")).isEqualTo(poison.toJson().encode());
    assertThat(parked.getString("record_key")).isEqualTo(poison.key());
    assertThat(amountOf(poison.id())).isNull();
    eventually("the parked record counted", () -> assertThat(parkedCount()).isEqualTo(parkedBefore + 1));
  }

  @Test
  void aRecordThatIsNotACloudEventIsParkedNotSkipped() {
    double parkedBefore = parkedCount();
    ChangeRecord good = ChangeRecord.of("/fashionos/test", "test.ledger", null, UUID.randomUUID(),
        new JsonObject().put("amount", "3.00"));
    // Same key, same partition: the good record comes after the garbage.
    producer.send(new ProducerRecord<>(Topics.name(kafka, Topics.EVENTS), good.key(), "{\"not\": \"a cloud event\u0000\""));
    producer.send(new ProducerRecord<>(Topics.name(kafka, Topics.EVENTS), good.key(), good.toJson().encode()));

    eventually("the record after the garbage applied", () -> assertThat(amountOf(good.id())).isEqualTo("3.00"));
    Row parked = database.pool().preparedQuery("SELECT error, attempts, record_id FROM parked_records"
            + " WHERE record_key = convert_to($1, 'UTF8')").execute(Tuple.of(good.key())).await().iterator().next();
    assertThat(parked.getString("error")).startsWith("not a FashionOS CloudEvent");
    assertThat(parked.getInteger("attempts")).isEqualTo(1);
    assertThat(parked.getUUID("record_id")).isNull();
    eventually("the parked record counted", () -> assertThat(parkedCount()).isEqualTo(parkedBefore + 1));
  }

  @Test
  void aRecordThatFailsFewerTimesThanItsTriesIsAppliedWithoutParking() {
    ChangeRecord flaky = publish(new JsonObject().put("amount", "7.00").put("fail_first", SETTINGS.attempts() - 1));

    eventually("the flaky record applied", () -> assertThat(amountOf(flaky.id())).isEqualTo("7.00"));
    assertThat(consumer.tries.get(flaky.id()).get()).isEqualTo(SETTINGS.attempts());
    assertThat(parkedRows(flaky.id())).isZero();
  }

  @Test
  void theDatabasesTroubleIsRetriedWithoutParkingAndShowsAsStuckMeanwhile() {
    // Twice the record's tries, and long enough (20 ms doubling: 1.26 s) to outlast the stuck threshold.
    ChangeRecord unlucky = publish(new JsonObject().put("amount", "9.00").put("transient_first", 6));

    eventually("the consumer reported stuck", () -> assertThat(consumer.stuck()).hasValueSatisfying(
        why -> assertThat(why).contains("connection lost")));
    eventually("the record applied once the database is back", () -> assertThat(amountOf(unlucky.id())).isEqualTo("9.00"));
    assertThat(parkedRows(unlucky.id())).isZero();
    eventually("the consumer no longer stuck", () -> assertThat(consumer.stuck()).isEmpty());
  }

  @Test
  void aParkedRecordReplaysOnceWhatMadeItFailIsFixed() {
    ChangeRecord poison = publish(new JsonObject().put("amount", "123456789012345.00"));
    eventually("the poison parked", () -> assertThat(parkedRows(poison.id())).isEqualTo(1));
    long id = parkedRow(poison.id()).getLong("id");
    ParkedRecords.Parked stored = new ParkedRecords(database).find(id).await();

    assertThatThrownBy(() -> consumer.replay(stored).await())
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.code()).isEqualTo("replay_failed");
          assertThat(e.getMessage()).contains("numeric field overflow");
        });
    assertThat(parkedRow(poison.id()).getInteger("attempts")).isEqualTo(SETTINGS.attempts() + 1);
    assertThat(parkedRow(poison.id()).getValue("replayed_at")).isNull();

    database.pool().query("ALTER TABLE ledger ALTER COLUMN amount TYPE numeric(20,2)").execute().await();
    try {
      assertThat(consumer.replay(stored).await().getString("outcome")).isEqualTo("applied");
      assertThat(amountOf(poison.id())).isEqualTo("123456789012345.00");
      assertThat(parkedRow(poison.id()).getValue("replayed_at")).isNotNull();
      assertThat(consumer.replay(stored).await().getString("outcome")).isEqualTo("already_applied");
    } finally {
      database.pool().query("DELETE FROM ledger WHERE amount >= 1e12").execute().await();
      database.pool().query("ALTER TABLE ledger ALTER COLUMN amount TYPE numeric(14,2)").execute().await();
    }
  }

  @Test
  void onlyTheDatabasesAndTheNetworksTroubleIsTransient() {
    assertThat(ChangeRecordConsumer.isTransient(new PgException("gone", "FATAL", "08006", null))).isTrue();
    assertThat(ChangeRecordConsumer.isTransient(new PgException("deadlock", "ERROR", "40P01", null))).isTrue();
    assertThat(ChangeRecordConsumer.isTransient(new PgException("overflow", "ERROR", "22003", null))).isFalse();
    assertThat(ChangeRecordConsumer.isTransient(new PgException("timeout", "ERROR", "57014", null))).isFalse();
    assertThat(ChangeRecordConsumer.isTransient(new IllegalArgumentException("bad uuid"))).isFalse();
    assertThat(ChangeRecordConsumer.isTransient(new io.vertx.core.json.DecodeException("bad json"))).isFalse();
    assertThat(ChangeRecordConsumer.isTransient(new java.net.ConnectException("refused"))).isTrue();
  }

  private static ChangeRecord publish(JsonObject data) {
    return publish(UUID.randomUUID(), data);
  }

  /** Records of one event share its partition: they are consumed in the order published. */
  private static ChangeRecord publish(UUID eventId, JsonObject data) {
    ChangeRecord record = ChangeRecord.of("/fashionos/test", "test.ledger", null, eventId, data);
    producer.send(new ProducerRecord<>(Topics.name(kafka, Topics.EVENTS), record.key(), record.toJson().encode()));
    return record;
  }

  private static String amountOf(UUID recordId) {
    List<String> amounts = new ArrayList<>();
    database.pool().preparedQuery("SELECT amount::text FROM ledger WHERE record_id = $1").execute(Tuple.of(recordId))
        .await().forEach(row -> amounts.add(row.getString(0)));
    return amounts.isEmpty() ? null : amounts.get(0);
  }

  private static long parkedRows(UUID recordId) {
    return database.pool().preparedQuery("SELECT count(*) FROM parked_records WHERE record_id = $1")
        .execute(Tuple.of(recordId)).await().iterator().next().getLong(0);
  }

  private static Row parkedRow(UUID recordId) {
    return eventually("record " + recordId + " parked", () -> {
      var rows = database.pool().preparedQuery("SELECT id, consumer, topic, error, attempts, replayed_at,"
              + " convert_from(value, 'UTF8') AS value, convert_from(record_key, 'UTF8') AS record_key"
              + " FROM parked_records WHERE record_id = $1").execute(Tuple.of(recordId)).await();
      return rows.size() == 1 ? rows.iterator().next() : null;
    }, row -> true);
  }

  private static double parkedCount() {
    Counter counter = Metrics.registry(vertx).find("fashionos.consumer.parked.records").tag("consumer", "poisontest.ledger").counter();
    return counter == null ? 0 : counter.count();
  }
}
