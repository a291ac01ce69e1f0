package com.fashionos.tasks.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The critical path method over the open work of one event: a forward pass from now gives each
 * task's earliest finish, a backward pass from the event start (a fixed finish) its latest
 * finish. Slack is the difference and may be negative (the work no longer fits). Durations are
 * estimated working hours; a calendar day holds {@value #WORKING_HOURS_PER_DAY} of them.
 */
public final class CriticalPath {
  public static final int WORKING_HOURS_PER_DAY = 8;

  /**
   * A task's place in the schedule, in working hours from now. {@code leastSlack}: on the path
   * with the least slack of all, which the clock does not change; {@code critical} adds the tasks
   * with no slack left.
   */
  public record Schedule(double earliestStart, double earliestFinish, double latestStart, double latestFinish,
      boolean leastSlack, boolean critical) {
    public int slackHours() {
      return (int) Math.round(latestStart - earliestStart);
    }

    /**
     * The working hours the task needs before the event starts: the work before it and the
     * longest chain from its start on. Independent of the clock: slack is the hours left until
     * the start minus this.
     */
    public double neededHours(double horizonHours) {
      return horizonHours - (latestStart - earliestStart);
    }
  }

  private CriticalPath() {}

  /**
   * Schedules every task that is not cancelled. Done tasks take no more time. A task is critical
   * when it has the least slack of all, or none left.
   */
  public static Map<UUID, Schedule> compute(List<TaskNode> tasks, Instant now, Instant eventStart) {
    return compute(tasks, horizonHours(now, eventStart));
  }

  /** The working hours from now until the event starts. */
  public static double horizonHours(Instant now, Instant eventStart) {
    return Duration.between(now, eventStart).toMinutes() / 60.0 * WORKING_HOURS_PER_DAY / 24.0;
  }

  /** Schedules the work against a horizon of working hours. */
  public static Map<UUID, Schedule> compute(List<TaskNode> tasks, double horizon) {
    Map<UUID, TaskNode> open = new LinkedHashMap<>();
    tasks.stream().filter(t -> !t.isCancelled()).forEach(t -> open.put(t.id(), t));
    Map<UUID, List<UUID>> dependencies = new HashMap<>();
    Map<UUID, List<UUID>> dependents = new HashMap<>();
    for (TaskNode task : open.values()) {
      List<UUID> deps = task.dependencies().stream().filter(open::containsKey).toList();
      dependencies.put(task.id(), deps);
      deps.forEach(dep -> dependents.computeIfAbsent(dep, k -> new java.util.ArrayList<>()).add(task.id()));
    }
    List<UUID> order = DependencyGraph.topologicalOrder(dependencies);

    Map<UUID, Double> earliestFinish = new HashMap<>();
    Map<UUID, Double> earliestStart = new HashMap<>();
    for (UUID id : order) {
      double start = dependencies.get(id).stream().mapToDouble(earliestFinish::get).max().orElse(0);
      earliestStart.put(id, start);
      earliestFinish.put(id, start + duration(open.get(id)));
    }
    Map<UUID, Double> latestStart = new HashMap<>();
    Map<UUID, Double> latestFinish = new HashMap<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      UUID id = order.get(i);
      double finish = dependents.getOrDefault(id, List.of()).stream().mapToDouble(latestStart::get).min().orElse(horizon);
      latestFinish.put(id, finish);
      latestStart.put(id, finish - duration(open.get(id)));
    }
    double leastSlack = order.stream().mapToDouble(id -> latestStart.get(id) - earliestStart.get(id)).min().orElse(0);
    Map<UUID, Schedule> schedule = new LinkedHashMap<>();
    for (UUID id : order) {
      double slack = latestStart.get(id) - earliestStart.get(id);
      boolean least = slack - leastSlack <= 0.5;
      schedule.put(id, new Schedule(earliestStart.get(id), earliestFinish.get(id), latestStart.get(id),
          latestFinish.get(id), least, least || slack <= 0.5));
    }
    return schedule;
  }

  private static double duration(TaskNode task) {
    return task.isDone() ? 0 : Math.max(0, task.estimatedHours());
  }
}
