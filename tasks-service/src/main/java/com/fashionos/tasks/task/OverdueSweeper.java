package com.fashionos.tasks.task;

import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            : tx.sql().preparedQuery(TaskRepository.SQL.get("overdue_due")).execute().compose(due -> {
              List<UUID> ids = new ArrayList<>();
              due.forEach(r -> ids.add(r.getUUID("id")));
              if (ids.isEmpty()) return Future.succeededFuture(0);
              return tasks.views(tx.sql(), ids).compose(before -> tx.sql()
                  .preparedQuery(TaskRepository.SQL.get("sweep_overdue")).execute(Tuple.of(ids.toArray(new UUID[0])))
                  .compose(rows -> publishAndReschedule(tx, rows, before)));
            })));
  }

  private Future<Integer> publishAndReschedule(Transaction tx, io.vertx.sqlclient.RowSet<Row> rows,
      Map<UUID, JsonObject> before) {
    Map<UUID, List<Scheduler.Written>> byEvent = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Row row : rows) {
      UUID eventId = row.getUUID("event_id");
      JsonObject task = (JsonObject) row.getValue("row");
      UUID taskId = UUID.fromString(task.getString("id"));
      byEvent.computeIfAbsent(eventId, k -> new ArrayList<>()).add(new Scheduler.Written(taskId, before.get(taskId), true));
      chain = chain.compose(v -> tx.publishSystemChange(eventId, "event_tasks", Operation.UPDATE, task,
          (JsonObject) row.getValue("old_row")));
    }
    for (Map.Entry<UUID, List<Scheduler.Written>> event : byEvent.entrySet()) {
      chain = chain.compose(v -> scheduler.recompute(tx, event.getKey(), event.getValue()).mapEmpty());
    }
    return chain.map(rows.rowCount());
  }
}
