package com.fashionos.tasks;

import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.TaskBatch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * tasks-service's public change records on {@code fashionos.tasks.v1} (version 2,
 * {@link ResourceChange}): each resource exactly as its REST GET answers it, built by the same
 * query. docs/change-records.md and docs/asyncapi.yaml describe them.
 */
public final class TasksChangeRecords {
  /** A task, as {@code GET /api/v1/events/{eventId}/tasks/{taskId}} answers it in {@code task}. */
  public static final ResourceChange.Kind TASK = new ResourceChange.Kind("tasks", "task");
  /** An event's task progress, as {@code GET /api/v1/events/{eventId}/tasks/progress} answers it in {@code progress}. */
  public static final ResourceChange.Kind EVENT_PROGRESS = new ResourceChange.Kind("tasks", "event_progress");
  /**
   * The tasks one batch of a generated plan added, each as {@code GET …/tasks/{taskId}} answers it:
   * one record instead of one per task (insert only).
   */
  public static final ResourceChange.Kind PLAN_BATCH = new ResourceChange.Kind("tasks", "plan_batch");

  /** The most task JSON one plan_batch record carries, well under Kafka's 1 MB per record. */
  static final int MAX_PLAN_BATCH_BYTES = 256 * 1024;

  private TasksChangeRecords() {}

  /**
   * The plan_batch representations of the tasks a batch added, in as many parts as keep each under
   * {@link #MAX_PLAN_BATCH_BYTES} (one, for every plan the worker writes): {@code id} (the same
   * for every delivery of the batch, so readers can deduplicate), {@code event_id, plan_id,
   * batch, batches, part, parts, tasks}.
   */
  public static List<JsonObject> planBatches(TaskBatch batch, List<JsonObject> added) {
    List<JsonArray> parts = new ArrayList<>();
    JsonArray part = new JsonArray();
    int bytes = 0;
    for (JsonObject task : added) {
      int size = task.encode().getBytes(StandardCharsets.UTF_8).length;
      if (!part.isEmpty() && bytes + size > MAX_PLAN_BATCH_BYTES) {
        parts.add(part);
        part = new JsonArray();
        bytes = 0;
      }
      part.add(task);
      bytes += size;
    }
    if (!part.isEmpty()) parts.add(part);
    List<JsonObject> records = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      UUID id = UUID.nameUUIDFromBytes(("plan_batch/" + batch.planId() + "/" + batch.batch() + "/" + (i + 1))
          .getBytes(StandardCharsets.UTF_8));
      records.add(new JsonObject().put("id", id.toString()).put("event_id", batch.eventId().toString())
          .put("plan_id", batch.planId().toString()).put("batch", batch.batch()).put("batches", batch.batches())
          .put("part", i + 1).put("parts", parts.size()).put("tasks", parts.get(i)));
    }
    return records;
  }
}
