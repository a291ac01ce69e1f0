package com.fashionos.platform.outbox;

import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.health.HealthCheck;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Readiness of a schema's outbox relay, seen from any replica: some relay holds the schema's
 * advisory lock ({@link OutboxRelay}), this replica's or another's. A schema without a leader for
 * longer than the grace (a relay reconnecting takes a second or two) is not ready: its changes
 * reach nobody. When the database cannot be asked, the database check says so; this one passes.
 */
public final class RelayLeadership implements HealthCheck {
  public static final Duration GRACE = Duration.ofSeconds(30);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(1);
  private static final NamedStatements SQL = NamedStatements.forClass(OutboxRelay.class);
  private final Pool pool;
  private final ServiceSchema service;
  private final Duration grace;
  /** Since when no leader has been seen (System.nanoTime), or null while there is one. */
  private Long leaderlessSince;

  public RelayLeadership(Pool pool, ServiceSchema service, Duration grace) {
    this.pool = pool;
    this.service = service;
    this.grace = grace;
  }

  @Override
  public Future<Void> check() {
    return pool.preparedQuery(SQL.get("has_leader")).execute(Tuple.of(OutboxRelay.lockName(service)))
        .map(rows -> rows.iterator().next().getBoolean("has_leader"))
        .timeout(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .transform(asked -> {
          if (asked.failed()) return Future.succeededFuture();
          return judge(asked.result());
        });
  }

  private synchronized Future<Void> judge(boolean hasLeader) {
    long now = System.nanoTime();
    if (hasLeader) {
      leaderlessSince = null;
      return Future.succeededFuture();
    }
    if (leaderlessSince == null) leaderlessSince = now;
    long leaderless = now - leaderlessSince;
    return leaderless <= grace.toNanos() ? Future.succeededFuture()
        : Future.failedFuture("no relay has published schema " + service.schema() + "'s outbox for "
            + TimeUnit.NANOSECONDS.toSeconds(leaderless) + " s");
  }
}
