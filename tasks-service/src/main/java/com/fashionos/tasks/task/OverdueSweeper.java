package com.fashionos.tasks.task;

import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns tasks overdue as their deadlines pass (writes turn them overdue or back at once; time
 * passing needs a sweep). One replica sweeps at a time (a transaction advisory lock).
 */
public final class OverdueSweeper extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OverdueSweeper.class);
  private final Database database;
  private final long periodMs;
  private final TaskRepository tasks = new TaskRepository();
  private final Scheduler scheduler = new Scheduler(tasks);

  public OverdueSweeper(Database database, long periodMs) {
    this.database = database;
    this.periodMs = periodMs;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(periodMs, id -> sweep().onFailure(e -> LOG.warn("Overdue sweep failed: {}", e.toString())));
    return Future.succeededFuture();
  }

  /** One sweep; answers how many tasks changed (0 when another replica holds the sweep). */
  public Future<Integer> sweep() {
    return database.internal(Mutation.internal(null), tx -> tx.sql().query(TaskRepository.SQL.get("sweep_lock")).execute()
        .compose(lock -> !lock.iterator().next().getBoolean("mine") ? Future.succeededFuture(0)
            : tx.sql().preparedQuery(TaskRepository.SQL.get("sweep_overdue")).execute(Tuple.tuple())
                .compose(rows -> publishAndReschedule(tx, rows))));
  }

  private Future<Integer> publishAndReschedule(Transaction tx, io.vertx.sqlclient.RowSet<Row> rows) {
    Set<UUID> events = new LinkedHashSet<>();
    Future<Void> chain = Future.succeededFuture();
    for (Row row : rows) {
      UUID eventId = row.getUUID("event_id");
      events.add(eventId);
      chain = chain.compose(v -> tx.publishSystemChange(eventId, "event_tasks", Operation.UPDATE,
          (io.vertx.core.json.JsonObject) row.getValue("row"), (io.vertx.core.json.JsonObject) row.getValue("old_row")));
    }
    for (UUID eventId : events) chain = chain.compose(v -> scheduler.recompute(tx, eventId).mapEmpty());
    return chain.map(rows.rowCount());
  }
}
