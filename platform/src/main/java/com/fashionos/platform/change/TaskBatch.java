package com.fashionos.platform.change;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Version 1 of a generated task batch ({@value #TYPE}), a command on
 * {@code fashionos.task-batches.v1} from ai-tasks-worker to tasks-service. Task ids are derived
 * from the event and the task's plan key, so applying a batch twice creates nothing twice.
 *
 * @param tasks objects {id, name, description, phase, workflow_category, priority, deadline,
 *     estimated_hours, dependencies: [task ids]}
 * @param source "gemini" or "built_in"
 */
public record TaskBatch(UUID eventId, UUID planId, int batch, int batches, int totalTasks, String source,
    JsonArray tasks) {

  public static final String TYPE = "com.fashionos.ai-tasks.task-batch.v1";

  /** The id of the task with this plan key in this event's plan. */
  public static UUID taskId(UUID eventId, String key) {
    return UUID.nameUUIDFromBytes((eventId + "/" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public JsonObject toJson() {
    return new JsonObject().put("event_id", eventId.toString()).put("plan_id", planId.toString()).put("batch", batch)
        .put("batches", batches).put("total_tasks", totalTasks).put("source", source).put("tasks", tasks);
  }

  public static TaskBatch fromJson(JsonObject json) {
    return new TaskBatch(UUID.fromString(json.getString("event_id")), UUID.fromString(json.getString("plan_id")),
        json.getInteger("batch"), json.getInteger("batches"), json.getInteger("total_tasks"), json.getString("source"),
        json.getJsonArray("tasks"));
  }
}
