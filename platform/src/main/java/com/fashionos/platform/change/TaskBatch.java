package com.fashionos.platform.change;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Version 1 of a generated task batch ({@value #TYPE}), a command on
 * {@code fashionos.task-batches.v1} from ai-tasks-worker to tasks-service. Task ids are derived
 * from the event and the task's plan key, so applying a batch twice creates nothing twice.
 *
 * @param tasks objects {id, name, description, phase, workflow_category, priority, deadline
 *     ({@link #time}), estimated_hours, dependencies: [task ids]}
 * @param source "gemini" or "built_in"
 */
public record TaskBatch(UUID eventId, UUID planId, int batch, int batches, int totalTasks, String source,
    JsonArray tasks) {

  public static final String TYPE = "com.fashionos.ai-tasks.task-batch.v1";

  /**
   * A time as a batch carries it: RFC 3339 in UTC with its seconds ({@code 2027-05-23T22:00:00Z}).
   * Batches written before carried {@code OffsetDateTime.toString()}, which leaves zero seconds out
   * ({@code 2027-05-23T18:00-04:00}); readers parse both with {@code OffsetDateTime.parse}.
   */
  public static String time(OffsetDateTime time) {
    return time.toInstant().toString();
  }

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
