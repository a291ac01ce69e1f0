package com.fashionos.platform.outbox;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Scrape;
import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.health.Metrics;
import com.fashionos.platform.kafka.KafkaClients;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /metrics} shows a schema's outbox: while another holder keeps the relay's lock, this
 * replica's relay does not lead (0) and the unpublished rows and the age of the oldest grow; once
 * the lock is free it leads (1), publishes them (counted) and the backlog is 0.
 */
@ExtendWith(TestEngines.class)
class OutboxMetricsTest {
  private static final ServiceSchema SCHEMA = new ServiceSchema("outboxmetrics", Topics.EVENTS);
  private static final String[] LABELS = {"schema", "outboxmetrics"};
  private static Vertx vertx;
  private static DatabaseConfig config;
  private static KafkaConfig kafka;
  private static Database database;
  private static int port;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    vertx = Vertx.vertx(Metrics.vertxOptions());
    KafkaConfig shared = stack.kafka();
    kafka = new KafkaConfig(shared.bootstrapServers(), "outboxmetrics.", shared.partitions(), shared.replicationFactor());
    KafkaClients.ensureTopics(vertx, kafka).await();
    config = stack.freshDatabase().withPoolSize(2);
    database = Database.open(vertx, config, SCHEMA).await();
    port = Scrape.serve(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void backlogAgeAndLeadershipFollowTheRelay() {
    PgConnection holder = PgConnection.connect(vertx, Database.connectOptions(config, SCHEMA)).await();
    holder.preparedQuery("SELECT pg_advisory_lock(hashtextextended($1, 7032))")
        .execute(Tuple.of(OutboxRelay.lockName(SCHEMA))).await();
    vertx.deployVerticle(new OutboxRelay(config, SCHEMA, kafka)).await();
    for (int i = 0; i < 3; i++) {
      database.pool().preparedQuery("INSERT INTO outbox (record_id, topic, record_key, record_type, payload) VALUES ($1, $2, $3, $4, $5)")
          .execute(Tuple.of(UUID.randomUUID(), Topics.EVENTS.name(), "key", "test.metrics", new JsonObject().put("n", i)))
          .await();
    }

    eventually("the backlog seen while another holds the lock", () -> {
      Scrape scrape = Scrape.of(port);
      assertThat(scrape.samples("fashionos_outbox_relay_leader", LABELS)).singleElement()
          .satisfies(leader -> assertThat(leader.value()).isZero());
      assertThat(scrape.value("fashionos_outbox_backlog_records", LABELS)).isEqualTo(3);
      assertThat(scrape.value("fashionos_outbox_oldest_age_seconds", LABELS)).isGreaterThanOrEqualTo(1);
    });
    assertThat(Scrape.of(port).value("fashionos_outbox_published_records_total", LABELS)).isZero();

    holder.close().await();
    eventually("the relay leads and publishes the backlog", () -> {
      Scrape scrape = Scrape.of(port);
      assertThat(scrape.value("fashionos_outbox_relay_leader", LABELS)).isEqualTo(1);
      assertThat(scrape.value("fashionos_outbox_published_records_total", LABELS)).isEqualTo(3);
      assertThat(scrape.value("fashionos_outbox_backlog_records", LABELS)).isZero();
      assertThat(scrape.value("fashionos_outbox_oldest_age_seconds", LABELS)).isZero();
    });
  }
}
