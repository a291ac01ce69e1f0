package com.fashionos.aitasks;

import com.fashionos.platform.change.TaskBatch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Cuts a plan into the batches tasks-service applies. Task ids are derived from the event and the
 * plan key, and dependencies are translated from keys to those ids.
 */
final class PlanBatches {
  /**
   * The whole plan in one batch: the worker publishes all of a plan's batches in one transaction
   * anyway, so smaller ones showed no progress sooner, and each batch costs tasks-service a pass of
   * the rules and a progress record (150 tasks are ~100 KB, well under Kafka's 1 MB).
   */
  static final int BATCH_SIZE = PlannedTask.MAX_TASKS;

  private PlanBatches() {}

  static List<TaskBatch> of(UUID eventId, UUID planId, String source, List<PlannedTask> plan, int batchSize) {
    List<TaskBatch> batches = new ArrayList<>();
    int count = (plan.size() + batchSize - 1) / batchSize;
    for (int b = 0; b < count; b++) {
      JsonArray tasks = new JsonArray();
      for (PlannedTask task : plan.subList(b * batchSize, Math.min(plan.size(), (b + 1) * batchSize))) {
        tasks.add(new JsonObject()
            .put("id", TaskBatch.taskId(eventId, task.key()).toString())
            .put("name", task.name())
            .put("description", task.description())
            .put("phase", task.phase())
            .put("workflow_category", task.workflowCategory())
            .put("priority", task.priority())
            .put("deadline", TaskBatch.time(task.deadline()))
            .put("estimated_hours", task.estimatedHours())
            .put("dependencies", new JsonArray(task.dependsOn().stream()
                .map(key -> TaskBatch.taskId(eventId, key).toString()).toList())));
      }
      batches.add(new TaskBatch(eventId, planId, b + 1, count, plan.size(), source, tasks));
    }
    return batches;
  }
}
