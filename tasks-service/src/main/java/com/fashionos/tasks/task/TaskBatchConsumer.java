package com.fashionos.tasks.task;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.TaskBatch;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.kafka.ChangeRecordConsumer;
import io.vertx.core.Future;
import java.util.List;

/**
 * Applies generated task batches. Task ids come with the batch (derived from the plan), so a
 * batch delivered twice, or two deliveries of one plan, never create a task twice. A batch is one
 * transaction: one insert of all its tasks, one pass of the rules, one plan_batch record of the
 * tasks it added and the progress with the generation ("62 of 140") when it moved.
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
    return tasks.insertPlanned(tx.sql(), batch.eventId(), batch.tasks(), batch.source())
        .compose(added -> scheduler.applyPlan(tx, batch, added));
  }
}
