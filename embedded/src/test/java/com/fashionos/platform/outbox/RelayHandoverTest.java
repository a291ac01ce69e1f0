package com.fashionos.platform.outbox;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.ServiceSchema;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A relay that stops (a replica's SIGTERM undeploys it) hands its schema over: the standby of
 * another replica leads at once, well before its next try two seconds on.
 */
@ExtendWith(TestEngines.class)
class RelayHandoverTest {
  private static final ServiceSchema SCHEMA = new ServiceSchema("relayhandover", null);
  /** Far less than a standby's 2 s between tries: only the hand-over's NOTIFY gets it there. */
  private static final Duration AT_ONCE = Duration.ofMillis(700);
  private static Vertx first;
  private static Vertx second;
  private static DatabaseConfig config;
  private static KafkaConfig kafka;
  private static Pool pool;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    first = Vertx.vertx();
    second = Vertx.vertx();
    config = stack.freshDatabase().withPoolSize(2);
    kafka = stack.kafka();
    pool = Database.open(first, config, SCHEMA).await().pool();
  }

  @AfterAll
  static void stop() {
    first.close().await();
    second.close().await();
  }

  @Test
  void aStoppingLeaderHandsTheSchemaToTheStandbyAtOnce() {
    String leading = first.deployVerticle(new OutboxRelay(config, SCHEMA, kafka)).await();
    int leader = eventually("the first relay leads", () -> holder(), Optional::isPresent).get();
    second.deployVerticle(new OutboxRelay(config, SCHEMA, kafka)).await();
    // The standby has tried and failed once: it is connected, listening, and waiting for its next try.
    eventually("the standby tried to lead", () -> standbys(leader), standbys -> standbys == 1);

    long stopped = System.nanoTime();
    first.undeploy(leading).await();
    int next = eventually("the standby leads", AT_ONCE, () -> holder(), h -> h.isPresent() && h.get() != leader).get();
    assertThat(next).isNotEqualTo(leader);
    assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(AT_ONCE);
  }

  /** The backend pid holding the schema's relay lock, if any. */
  private static Optional<Integer> holder() {
    var rows = pool.preparedQuery("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
            + "AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 7032)")
        .execute(Tuple.of(OutboxRelay.lockName(SCHEMA))).await();
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getInteger("pid"));
  }

  /** Connections other than the leader's whose last statement was a try to lead. */
  private static long standbys(int leader) {
    Row row = pool.preparedQuery("SELECT count(*) AS standbys FROM pg_stat_activity WHERE datname = current_database() "
        + "AND pid <> $1 AND pid <> pg_backend_pid() AND query LIKE '%pg_try_advisory_lock%'").execute(Tuple.of(leader)).await().iterator().next();
    return row.getLong("standbys");
  }
}
