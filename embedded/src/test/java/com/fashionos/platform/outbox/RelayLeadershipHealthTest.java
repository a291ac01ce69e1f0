package com.fashionos.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.health.HealthCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Readiness sees whether some relay leads a schema's outbox from any replica, by the lock the
 * leader holds: a schema nobody relays fails the check once the grace is over, and passes as
 * soon as a relay (here a bare connection holding the same lock) leads again.
 */
@ExtendWith(TestEngines.class)
class RelayLeadershipHealthTest {
  private static final ServiceSchema SCHEMA = new ServiceSchema("relayhealth", null);
  private static Vertx vertx;
  private static DatabaseConfig config;
  private static Pool pool;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    vertx = Vertx.vertx();
    config = stack.freshDatabase().withPoolSize(2);
    pool = Database.open(vertx, config, SCHEMA).await().pool();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void aSchemaWithoutALeaderPastTheGraceIsNotReadyAndALeaderMakesItReady() {
    RelayLeadership check = new RelayLeadership(pool, SCHEMA, Duration.ZERO);
    RelayLeadership patient = new RelayLeadership(pool, SCHEMA, Duration.ofMinutes(1));

    // The first look starts the leaderless clock; the next one, past a zero grace, fails.
    assertThat(failure(check)).isNull();
    assertThat(failure(check)).contains("no relay has published schema relayhealth's outbox");
    assertThat(failure(patient)).isNull();
    assertThat(failure(patient)).isNull();

    PgConnection leader = PgConnection.connect(vertx, Database.connectOptions(config, SCHEMA)).await();
    try {
      leader.preparedQuery("SELECT pg_advisory_lock(hashtextextended($1, 7032))")
          .execute(Tuple.of(OutboxRelay.lockName(SCHEMA))).await();
      assertThat(failure(check)).isNull();
    } finally {
      leader.close().await();
    }
  }

  /** Why the check fails, or null when it passes. */
  private static String failure(HealthCheck check) {
    return check.check().transform(done -> Future.succeededFuture(done.failed() ? done.cause().getMessage() : null)).await();
  }
}
