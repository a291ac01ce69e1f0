package com.fashionos.aitasks;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the primary planner (Gemini) and, when it throws for any reason, the fallback (the
 * built-in planner), so a plan is always made. {@link #planWithSource} also tells which one
 * answered and why the primary did not; it returns that with the plan instead of keeping it in a
 * field, so one instance can serve concurrent requests.
 */
public final class FallbackPlanner implements TaskPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackPlanner.class);

  /** Which planner made a plan. */
  public enum Source { PRIMARY, FALLBACK }

  /**
   * @param fallbackReason why the primary failed; null when it answered
   */
  public record Result(List<PlannedTask> tasks, Source source, String fallbackReason) {}

  private final TaskPlanner primary;
  private final TaskPlanner fallback;

  public FallbackPlanner(TaskPlanner primary, TaskPlanner fallback) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  @Override
  public List<PlannedTask> plan(PlanRequest request) {
    return planWithSource(request).tasks();
  }

  public Result planWithSource(PlanRequest request) {
    try {
      return new Result(primary.plan(request), Source.PRIMARY, null);
    } catch (RuntimeException e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warn("Primary planner failed for event {}, using the fallback planner: {}", request.eventId(), reason);
      return new Result(fallback.plan(request), Source.FALLBACK, reason);
    }
  }
}
