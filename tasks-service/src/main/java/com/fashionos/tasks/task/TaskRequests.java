package com.fashionos.tasks.task;

import com.fashionos.platform.http.RequestBody;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and validates task bodies into column name to value maps, in request order. */
final class TaskRequests {
  static final int MAX_DEPENDENCIES = 50;
  static final int MAX_HOURS = 10_000;
  /** Columns a PUT may set. */
  static final List<String> UPDATABLE = List.of("status", "assignee_id", "deadline", "priority", "name", "description",
      "phase", "workflow_category", "estimated_hours", "actual_hours", "dependencies");

  private TaskRequests() {}

  static Map<String, Object> newTask(RequestBody body) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("name", body.string("name", true, 200));
    task.put("description", body.string("description", false, 1000));
    task.put("phase", body.enumValue("phase", TaskPhase.class, true));
    task.put("workflow_category", body.enumValue("workflow_category", WorkflowCategory.class, false));
    TaskPriority priority = body.enumValue("priority", TaskPriority.class, false);
    task.put("priority", priority == null ? TaskPriority.MEDIUM : priority);
    task.put("assignee_id", body.uuid("assignee_id", false));
    task.put("deadline", body.timestamp("deadline", true));
    List<java.util.UUID> dependencies = body.uuidList("dependencies", MAX_DEPENDENCIES);
    task.put("dependencies", dependencies == null ? List.of() : dependencies);
    task.put("estimated_hours", body.integer("estimated_hours", false, 0, MAX_HOURS));
    body.validate();
    return task;
  }

  static Map<String, Object> changes(RequestBody body) {
    Map<String, Object> changes = new LinkedHashMap<>();
    for (String field : UPDATABLE) {
      if (!body.has(field)) continue;
      switch (field) {
        case "status" -> changes.put(field, body.enumValue(field, TaskStatus.class, true));
        case "assignee_id" -> changes.put(field, body.uuid(field, false));
        case "deadline" -> changes.put(field, body.timestamp(field, true));
        case "priority" -> changes.put(field, body.enumValue(field, TaskPriority.class, true));
        case "name" -> changes.put(field, body.string(field, true, 200));
        case "description" -> changes.put(field, body.string(field, false, 1000));
        case "phase" -> changes.put(field, body.enumValue(field, TaskPhase.class, true));
        case "workflow_category" -> changes.put(field, body.enumValue(field, WorkflowCategory.class, false));
        case "estimated_hours", "actual_hours" -> changes.put(field, body.integer(field, false, 0, MAX_HOURS));
        case "dependencies" -> {
          if (body.json().getValue(field) == null) body.fail(field, "must be an array of task ids");
          changes.put(field, body.uuidList(field, MAX_DEPENDENCIES));
        }
      }
    }
    if (changes.isEmpty() && !body.hasIssues()) body.fail("body", "must set at least one field");
    body.validate();
    return changes;
  }
}
