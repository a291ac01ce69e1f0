package com.fashionos.tasks.plan;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The dependency rule and the progress arithmetic, in one place. */
public final class TaskRules {
  public static final List<String> PHASES =
      List.of("pre_production", "venue_logistics", "creative_design", "on_site_operations", "post_event");

  private TaskRules() {}

  /** A status change the dependency rule makes. */
  public record StatusChange(UUID id, String status, boolean blockedByDependencies) {}

  /**
   * A task whose dependencies are not all done is blocked; when the last one is done it becomes
   * to do again. Only tasks that are to do, or that the rule itself blocked, are touched: a task
   * someone works on or blocked by hand keeps its status. Cancelled dependencies count as done.
   */
  public static List<StatusChange> applyDependencies(List<TaskNode> tasks) {
    Map<UUID, TaskNode> byId = tasks.stream().collect(Collectors.toMap(TaskNode::id, t -> t));
    return tasks.stream()
        .filter(t -> "to_do".equals(t.status()) || ("blocked".equals(t.status()) && t.blockedByDependencies()))
        .map(t -> {
          boolean waiting = t.dependencies().stream().map(byId::get)
              .anyMatch(dep -> dep != null && !dep.isDone() && !dep.isCancelled());
          if (waiting && "to_do".equals(t.status())) return new StatusChange(t.id(), "blocked", true);
          if (!waiting && "blocked".equals(t.status())) return new StatusChange(t.id(), "to_do", false);
          return null;
        })
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** Done out of all tasks but the cancelled ones, rounded; 0 when nothing counts. */
  public static int progressPercentage(int done, int countable) {
    return countable == 0 ? 0 : (int) Math.round(done * 100.0 / countable);
  }

  /**
   * The event's task summary: total (not cancelled), done, in progress, blocked, overdue,
   * cancelled, progress and per phase {total, done}.
   */
  public static JsonObject summary(List<TaskNode> tasks) {
    int total = 0;
    int done = 0;
    int inProgress = 0;
    int blocked = 0;
    int overdue = 0;
    int cancelled = 0;
    Map<String, int[]> byPhase = new LinkedHashMap<>();
    PHASES.forEach(phase -> byPhase.put(phase, new int[2]));
    for (TaskNode task : tasks) {
      if (task.isCancelled()) {
        cancelled++;
        continue;
      }
      total++;
      int[] phase = byPhase.computeIfAbsent(task.phase(), k -> new int[2]);
      phase[0]++;
      if (task.isDone()) {
        done++;
        phase[1]++;
      }
      if ("in_progress".equals(task.status())) inProgress++;
      if ("blocked".equals(task.status())) blocked++;
      if (task.overdue()) overdue++;
    }
    JsonObject phases = new JsonObject();
    byPhase.forEach((phase, counts) -> phases.put(phase, new JsonObject().put("total", counts[0]).put("done", counts[1])));
    return new JsonObject().put("total", total).put("done", done).put("in_progress", inProgress).put("blocked", blocked)
        .put("overdue", overdue).put("cancelled", cancelled).put("progress_percentage", progressPercentage(done, total))
        .put("by_phase", phases);
  }
}
