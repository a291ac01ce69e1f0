package com.fashionos.platform.kafka;

import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.NamedStatements;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * The dedupe log of a service's consumers (table {@code processed_records}), kept only as long as
 * a record can come again: a consumer's rows older than its retention are deleted in small
 * batches, so the table stops growing with every record ever consumed (4.8 M rows in production).
 */
public final class ProcessedRecords {
  private static final NamedStatements SQL = NamedStatements.forClass(ProcessedRecords.class);
  /** Rows per delete: a short transaction and few locks, beside the consumers' own writes. */
  static final int BATCH = 1_000;
  private final Database database;

  public ProcessedRecords(Database database) {
    this.database = database;
  }

  /** Deletes the consumer's records processed longer than {@code retention} ago; answers how many. */
  public Future<Long> prune(String consumer, Duration retention) {
    return pruneFrom(consumer, retention, 0);
  }

  private Future<Long> pruneFrom(String consumer, Duration retention, long deletedSoFar) {
    return database.pool().preparedQuery(SQL.get("prune")).execute(Tuple.of(consumer, retention.toSeconds(), BATCH))
        .compose(deleted -> {
          long total = deletedSoFar + deleted.rowCount();
          return deleted.rowCount() < BATCH ? Future.succeededFuture(total) : pruneFrom(consumer, retention, total);
        });
  }
}
