package com.fashionos.platform.health;

import com.fashionos.platform.db.NamedStatements;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Readiness of a service's database: a cheap query on its pool answers within a second. */
public final class DatabaseHealth {
  private static final NamedStatements SQL = NamedStatements.forClass(DatabaseHealth.class);
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  private DatabaseHealth() {}

  /**
   * The check: a pool that cannot reach the server, or is so busy that a query waits more than a
   * second for a connection, is not ready.
   */
  public static HealthCheck of(Pool pool) {
    return () -> pool.query(SQL.get("ping")).execute()
        .<Void>mapEmpty()
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .recover(failure -> Future.failedFuture("unreachable: " + failure.getMessage()));
  }
}
