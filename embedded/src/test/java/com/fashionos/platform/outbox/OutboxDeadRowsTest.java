package com.fashionos.platform.outbox;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.kafka.KafkaClients;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox is a queue whose dead rows sit at the head the relay reads: its reads are served by
 * the primary key even with thousands of dead rows and statistics taken when it was nearly empty,
 * it is vacuumed after a fixed number of deletions, and each record it relays carries its type and
 * event in headers.
 */
@ExtendWith(TestEngines.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OutboxDeadRowsTest {
  private static final ServiceSchema SCHEMA = new ServiceSchema("outboxdeadrows", Topics.EVENTS);
  private static final NamedStatements SQL = NamedStatements.forClass(OutboxRelay.class);
  private static Vertx vertx;
  private static DatabaseConfig config;
  private static KafkaConfig kafka;
  private static Pool pool;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    vertx = Vertx.vertx();
    KafkaConfig shared = stack.kafka();
    kafka = new KafkaConfig(shared.bootstrapServers(), "outboxdeadrows.", shared.partitions(), shared.replicationFactor());
    KafkaClients.ensureTopics(vertx, kafka).await();
    config = stack.freshDatabase().withPoolSize(2);
    pool = Database.open(vertx, config, SCHEMA).await().pool();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void theRelaysReadsUseThePrimaryKeyWhateverTheDeadRowsAndStatistics() {
    // Statistics of a nearly empty outbox, then a burst published and deleted with no vacuum since.
    pool.query("ALTER TABLE outbox SET (autovacuum_enabled = false)").execute().await();
    append(20);
    pool.query("ANALYZE outbox").execute().await();
    append(20_000);
    pool.query("DELETE FROM outbox WHERE position <= (SELECT min(position) + 19000 FROM outbox)").execute().await();

    assertThat(plan(SQL.get("next_batch"), Tuple.of(500))).contains("outbox_pkey").doesNotContain("Seq Scan");
    assertThat(plan(SQL.get("backlog"), Tuple.tuple())).contains("outbox_pkey").doesNotContain("Seq Scan");
    Long[] head = pool.query("SELECT position FROM outbox ORDER BY position LIMIT 500").execute().await().stream()
        .map(row -> row.getLong("position")).toArray(Long[]::new);
    assertThat(plan(SQL.get("delete_published"), Tuple.of((Object) head))).contains("outbox_pkey").doesNotContain("Seq Scan");
    pool.query("ALTER TABLE outbox RESET (autovacuum_enabled)").execute().await();
  }

  @Test
  void theOutboxIsVacuumedAfterAThousandDeletionsWhateverItsSize() {
    List<String> options = pool.query("SELECT unnest(reloptions) AS option FROM pg_class WHERE oid = 'outbox'::regclass")
        .execute().await().stream().map(row -> row.getString("option")).toList();
    assertThat(options).contains("autovacuum_vacuum_scale_factor=0", "autovacuum_vacuum_threshold=1000",
        "autovacuum_vacuum_cost_delay=0");
  }

  @Test
  void aRelayedRecordCarriesItsIdTypeAndEventInHeaders() {
    UUID eventId = UUID.randomUUID();
    UUID recordId = UUID.randomUUID();
    UUID directoryRecord = UUID.randomUUID();
    insert(recordId, eventId.toString(), "com.fashionos.tasks.task.changed.v2",
        new JsonObject().put("id", recordId.toString()).put("fashionoseventid", eventId.toString()));
    insert(directoryRecord, directoryRecord.toString(), "com.fashionos.events.venues.changed.v1",
        new JsonObject().put("id", directoryRecord.toString()));
    String relay = vertx.deployVerticle(new OutboxRelay(config, SCHEMA, kafka)).await();

    Map<String, String> settings = new HashMap<>(KafkaClients.clientConfig(kafka));
    settings.put("auto.offset.reset", "earliest");
    settings.put("group.id", "outboxdeadrows-" + UUID.randomUUID());
    Map<UUID, ConsumerRecord<String, String>> seen = new HashMap<>();
    try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(new HashMap<String, Object>(settings),
        new StringDeserializer(), new StringDeserializer())) {
      reader.subscribe(List.of(Topics.name(kafka, Topics.EVENTS)));
      eventually("both records relayed", () -> {
        for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
          seen.put(UUID.fromString(header(record, RecordHeaders.ID)), record);
        }
        assertThat(seen).containsKeys(recordId, directoryRecord);
      });
    } finally {
      vertx.undeploy(relay).await();
    }
    ConsumerRecord<String, String> ofEvent = seen.get(recordId);
    assertThat(header(ofEvent, "content-type")).isEqualTo("application/cloudevents+json");
    assertThat(header(ofEvent, RecordHeaders.TYPE)).isEqualTo("com.fashionos.tasks.task.changed.v2");
    assertThat(header(ofEvent, RecordHeaders.EVENT_ID)).isEqualTo(eventId.toString());
    assertThat(ofEvent.key()).isEqualTo(eventId.toString());
    assertThat(header(seen.get(directoryRecord), RecordHeaders.EVENT_ID)).isNull();
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void insert(UUID recordId, String key, String type, JsonObject payload) {
    pool.preparedQuery("INSERT INTO outbox (record_id, topic, record_key, record_type, payload) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(recordId, Topics.EVENTS.name(), key, type, payload)).await();
  }

  private static void append(int rows) {
    pool.preparedQuery("INSERT INTO outbox (record_id, topic, record_key, record_type, payload) "
            + "SELECT gen_random_uuid(), $1, gen_random_uuid()::text, 'test.dead-rows', jsonb_build_object('pad', repeat('x', 600)) "
            + "FROM generate_series(1, $2)")
        .execute(Tuple.of(Topics.EVENTS.name(), rows)).await();
  }

  /** The statement's plan, as the planner would run it now. */
  private static String plan(String statement, Tuple arguments) {
    JsonArray plan = pool.preparedQuery("EXPLAIN (FORMAT JSON) " + statement).execute(arguments).await()
        .iterator().next().getJsonArray("QUERY PLAN");
    return plan.encode();
  }
}
