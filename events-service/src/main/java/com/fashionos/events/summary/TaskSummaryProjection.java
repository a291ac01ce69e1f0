package com.fashionos.events.summary;

import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.Transaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Keeps each event's task summary and progress as tasks-service computes them (its
 * {@code event_progress} rows on {@code fashionos.tasks.v1}): the list's progress, the detail's
 * {@code tasks_summary} and the plan's generation status.
 */
public final class TaskSummaryProjection extends SummaryProjection {
  private static final NamedStatements SQL = NamedStatements.forClass(TaskSummaryProjection.class);

  public TaskSummaryProjection(KafkaConfig kafka, Database database) {
    super(kafka, "events-service.task-summaries", Topics.TASKS, "event_progress", database);
  }

  @Override
  protected Future<Void> apply(Transaction tx, UUID eventId, JsonObject progress, RowChange change) {
    JsonObject summary = new JsonObject()
        .put("total", progress.getInteger("total"))
        .put("done", progress.getInteger("done"))
        .put("in_progress", progress.getInteger("in_progress"))
        .put("blocked", progress.getInteger("blocked"))
        .put("overdue", progress.getInteger("overdue"))
        .put("by_phase", progress.getJsonObject("by_phase"))
        .put("generation", new JsonObject()
            .put("status", progress.getString("generation_status"))
            .put("generated", progress.getInteger("generated_tasks"))
            .put("planned", progress.getInteger("planned_tasks")));
    return tx.sql().preparedQuery(SQL.get("save_task_summary")).execute(Tuple.of(eventId, summary))
        .compose(v -> tx.sql().preparedQuery(SQL.get("set_progress"))
            .execute(Tuple.of(eventId, progress.getInteger("progress_percentage"))))
        .compose(rows -> {
          if (rows.rowCount() == 0) return Future.succeededFuture();
          Row row = rows.iterator().next();
          // The row record only: the progress is no part of the event resource (tasks-service's
          // event_progress record carries it), so a task completion publishes no event record.
          return tx.publishSystemChange(eventId, "events", Operation.UPDATE, (JsonObject) row.getValue("row"),
              (JsonObject) row.getValue("old_row"));
        });
  }
}
