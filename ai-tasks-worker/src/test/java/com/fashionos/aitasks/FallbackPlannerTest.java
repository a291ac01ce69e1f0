package com.fashionos.aitasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FallbackPlannerTest {
  private static final List<PlannedTask> PRIMARY_PLAN = List.of(task("from_primary"));
  private static final List<PlannedTask> FALLBACK_PLAN = List.of(task("from_fallback"));

  private final AtomicInteger fallbackCalls = new AtomicInteger();
  private final TaskPlanner fallback = request -> {
    fallbackCalls.incrementAndGet();
    return FALLBACK_PLAN;
  };

  private static PlannedTask task(String key) {
    return new PlannedTask(key, key, "", "pre_production", "event_planning", "high",
        OffsetDateTime.parse("2026-09-01T10:00:00+02:00"), 1, List.of());
  }

  @Test
  void primaryAnswerIsUsedAndTheFallbackIsNotAsked() {
    FallbackPlanner planner = new FallbackPlanner(request -> PRIMARY_PLAN, fallback);

    FallbackPlanner.Result result = planner.planWithSource(TestPlans.request());

    assertThat(result).isEqualTo(new FallbackPlanner.Result(PRIMARY_PLAN, FallbackPlanner.Source.PRIMARY, null));
    assertThat(planner.plan(TestPlans.request())).isEqualTo(PRIMARY_PLAN);
    assertThat(fallbackCalls).hasValue(0);
  }

  @Test
  void failureOfThePrimaryMakesTheFallbackAnswer() {
    FallbackPlanner planner = new FallbackPlanner(request -> {
      throw new PlanRejectedException("only 12 usable tasks");
    }, fallback);

    FallbackPlanner.Result result = planner.planWithSource(TestPlans.request());

    assertThat(result.tasks()).isEqualTo(FALLBACK_PLAN);
    assertThat(result.source()).isEqualTo(FallbackPlanner.Source.FALLBACK);
    assertThat(result.fallbackReason()).isEqualTo("PlanRejectedException: only 12 usable tasks");
    assertThat(planner.plan(TestPlans.request())).isEqualTo(FALLBACK_PLAN);
    assertThat(fallbackCalls).hasValue(2);
  }

  @Test
  void aFailingFallbackIsNotHidden() {
    FallbackPlanner planner = new FallbackPlanner(request -> {
      throw new IllegalStateException("primary down");
    }, request -> {
      throw new IllegalStateException("fallback broken");
    });

    assertThatThrownBy(() -> planner.plan(TestPlans.request())).hasMessage("fallback broken");
  }
}
