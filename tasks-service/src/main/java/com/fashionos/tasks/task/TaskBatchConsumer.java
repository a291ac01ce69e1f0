package com.fashionos.tasks.task;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.TaskBatch;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.kafka.ChangeRecordConsumer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies generated task batches. Task ids come with the batch (derived from the plan), so a
 * batch delivered twice, or two deliveries of one plan, never create a task twice. Each batch
 * moves the event's generation progress ("62 of 140") and reschedules the event.
 */
public final class TaskBatchConsumer extends ChangeRecordConsumer {
  private final TaskRepository tasks = new TaskRepository();
  private final Scheduler scheduler = new Scheduler(tasks);

  public TaskBatchConsumer(KafkaConfig kafka, Database database) {
    super(kafka, "tasks-service.task-batches", List.of(Topics.TASK_BATCHES), database);
  }

  @Override
  protected Future<Void> apply(Transaction tx, ChangeRecord record) {
    if (!TaskBatch.TYPE.equals(record.type())) return Future.succeededFuture();
    TaskBatch batch = TaskBatch.fromJson(record.data());
    Future<Void> chain = Future.succeededFuture();
    List<Scheduler.Written> inserted = new ArrayList<>();
    for (Object item : batch.tasks()) {
      JsonObject task = (JsonObject) item;
      chain = chain.compose(v -> tasks.insertGenerated(tx.sql(), batch.eventId(), task, batch.source()))
          .compose(row -> {
            if (row == null) return Future.succeededFuture();
            inserted.add(new Scheduler.Written(UUID.fromString(row.getString("id")), null, true));
            return tx.publishSystemChange(batch.eventId(), "event_tasks", Operation.INSERT, row, null);
          });
    }
    // Reschedule first, so the record that says "done" already carries the final counts.
    return chain
        .compose(v -> scheduler.recompute(tx, batch.eventId(), inserted))
        .compose(v -> tasks.countGenerated(tx.sql(), batch.eventId()))
        .compose(generated -> scheduler.saveProgress(tx, batch.eventId(), () -> tasks.saveGeneration(tx.sql(),
            batch.eventId(), generated >= batch.totalTasks() ? "done" : "generating", generated, batch.totalTasks())));
  }
}
