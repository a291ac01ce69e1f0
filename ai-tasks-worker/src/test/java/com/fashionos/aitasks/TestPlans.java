package com.fashionos.aitasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A fixed event and well-formed model answers for it, built programmatically. */
final class TestPlans {
  static final OffsetDateTime START = OffsetDateTime.parse("2026-09-10T19:00:00+02:00");
  static final OffsetDateTime END = OffsetDateTime.parse("2026-09-10T23:00:00+02:00");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestPlans() {}

  static PlanRequest request() {
    return new PlanRequest(UUID.fromString("00000000-0000-0000-0000-000000000042"), "Atelier Noir SS27",
        "runway_show", "An evening runway show for three emerging designers.", START, END, "Europe/Paris", 3, 4,
        350);
  }

  /**
   * {@code count} valid tasks {@code task_001...}: phases, categories and priorities in rotation,
   * each depending on the one before, deadlines before the start (after the end for post_event).
   */
  static ObjectNode answer(int count) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode tasks = root.putArray("tasks");
    for (int i = 1; i <= count; i++) {
      tasks.add(task(i));
    }
    return root;
  }

  static ObjectNode task(int i) {
    String phase = PlannedTask.PHASES.get(i % PlannedTask.PHASES.size());
    ObjectNode task = JSON.createObjectNode()
        .put("key", key(i))
        .put("name", "Task " + i)
        .put("description", "Description of task " + i + ".")
        .put("phase", phase)
        .put("workflow_category", PlannedTask.WORKFLOW_CATEGORIES.get(i % PlannedTask.WORKFLOW_CATEGORIES.size()))
        .put("priority", PlannedTask.PRIORITIES.get(i % PlannedTask.PRIORITIES.size()))
        .put("deadline", deadline(i, phase).toString())
        .put("estimated_hours", 1 + i % 40);
    ArrayNode dependsOn = task.putArray("depends_on");
    if (i > 1) {
      dependsOn.add(key(i - 1));
    }
    return task;
  }

  static String key(int i) {
    return "task_%03d".formatted(i);
  }

  static OffsetDateTime deadline(int i, String phase) {
    return phase.equals("post_event") ? END.plusDays(1 + i % 7) : START.minusDays(1 + i % 60);
  }
}
