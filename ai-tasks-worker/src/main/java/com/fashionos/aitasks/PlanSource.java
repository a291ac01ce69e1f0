package com.fashionos.aitasks;

import java.util.List;
import java.util.Optional;

/**
 * Where plans come from: Gemini when a key is configured, with the built-in planner answering
 * whenever Gemini cannot; the built-in planner alone otherwise.
 */
final class PlanSource {
  /** A plan and who made it ({@code gemini} or {@code built_in}). */
  record Plan(List<PlannedTask> tasks, String source) {}

  private final FallbackPlanner withGemini;
  private final TaskPlanner builtIn;

  PlanSource(Optional<TaskPlanner> gemini, TaskPlanner builtIn) {
    this.withGemini = gemini.map(g -> new FallbackPlanner(g, builtIn)).orElse(null);
    this.builtIn = builtIn;
  }

  Plan plan(PlanRequest request) {
    if (withGemini == null) return new Plan(builtIn.plan(request), "built_in");
    FallbackPlanner.Result result = withGemini.planWithSource(request);
    return new Plan(result.tasks(), result.source() == FallbackPlanner.Source.PRIMARY ? "gemini" : "built_in");
  }
}
