package com.fashionos.aitasks;

import java.util.List;

/** Makes an event's task plan: 80-150 tasks, acyclic, deadlines before the event starts. */
public interface TaskPlanner {
  List<PlannedTask> plan(PlanRequest request);
}
