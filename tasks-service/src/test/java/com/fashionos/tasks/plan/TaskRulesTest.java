package com.fashionos.tasks.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.tasks.plan.TaskRules.StatusChange;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskRulesTest {
  private static UUID id(int n) {
    return new UUID(0xBEEFL, n);
  }

  private static TaskNode node(int n, String status, boolean blockedByDependencies, int... deps) {
    return new TaskNode(id(n), status, blockedByDependencies, 1, Arrays.stream(deps).mapToObj(TaskRulesTest::id).toList(),
        "pre_production", false);
  }

  private static TaskNode node(int n, String status, int... deps) {
    return node(n, status, false, deps);
  }

  private static TaskNode inPhase(int n, String status, String phase, boolean overdue) {
    return new TaskNode(id(n), status, false, 1, List.of(), phase, overdue);
  }

  // --- the dependency rule

  @Test
  void toDoWithAnUnfinishedDependencyBecomesBlockedByDependencies() {
    List<StatusChange> changes = TaskRules.applyDependencies(List.of(node(1, "to_do"), node(2, "to_do", 1)));

    assertThat(changes).containsExactly(new StatusChange(id(2), "blocked", true));
  }

  @Test
  void dependencyInProgressOrBlockedStillBlocks() {
    List<StatusChange> changes = TaskRules.applyDependencies(List.of(
        node(1, "in_progress"), node(2, "blocked"), node(3, "done"), node(4, "to_do", 3, 1), node(5, "to_do", 3, 2)));

    assertThat(changes).containsExactlyInAnyOrder(
        new StatusChange(id(4), "blocked", true), new StatusChange(id(5), "blocked", true));
  }

  @Test
  void blockedByDependenciesBecomesToDoWhenTheLastDependencyIsDone() {
    // Still one open dependency: nothing changes.
    assertThat(TaskRules.applyDependencies(List.of(node(1, "done"), node(2, "in_progress"), node(3, "blocked", true, 1, 2))))
        .isEmpty();

    List<StatusChange> changes =
        TaskRules.applyDependencies(List.of(node(1, "done"), node(2, "done"), node(3, "blocked", true, 1, 2)));

    assertThat(changes).containsExactly(new StatusChange(id(3), "to_do", false));
  }

  @Test
  void manuallyBlockedTaskIsNotUnblocked() {
    assertThat(TaskRules.applyDependencies(List.of(node(1, "done"), node(2, "blocked", false, 1)))).isEmpty();
    assertThat(TaskRules.applyDependencies(List.of(node(2, "blocked", false)))).isEmpty();
  }

  @Test
  void manuallyBlockedTaskWithAnOpenDependencyIsLeftAlone() {
    assertThat(TaskRules.applyDependencies(List.of(node(1, "to_do"), node(2, "blocked", false, 1)))).isEmpty();
  }

  @Test
  void inProgressAndFinishedTasksAreNotTouched() {
    List<TaskNode> tasks = List.of(node(1, "to_do"), node(2, "in_progress", 1), node(3, "done", 1),
        node(4, "cancelled", 1), node(5, "overdue", 1));

    assertThat(TaskRules.applyDependencies(tasks)).isEmpty();
  }

  @Test
  void cancelledDependencyCountsAsDone() {
    assertThat(TaskRules.applyDependencies(List.of(node(1, "cancelled"), node(2, "to_do", 1)))).isEmpty();

    List<StatusChange> changes = TaskRules.applyDependencies(
        List.of(node(1, "cancelled"), node(2, "done"), node(3, "blocked", true, 1, 2)));

    assertThat(changes).containsExactly(new StatusChange(id(3), "to_do", false));
  }

  @Test
  void unknownDependencyDoesNotBlock() {
    TaskNode orphan = new TaskNode(id(1), "to_do", false, 1, List.of(UUID.randomUUID()), "post_event", false);

    assertThat(TaskRules.applyDependencies(List.of(orphan))).isEmpty();
  }

  @Test
  void reopeningADependencyBlocksTheDependentAgain() {
    // Dependency done: the dependent, unblocked earlier by the rule, is to do and stays so.
    assertThat(TaskRules.applyDependencies(List.of(node(1, "done"), node(2, "to_do", 1)))).isEmpty();

    // The dependency is reopened (done -> to_do).
    List<StatusChange> changes = TaskRules.applyDependencies(List.of(node(1, "to_do"), node(2, "to_do", 1)));

    assertThat(changes).containsExactly(new StatusChange(id(2), "blocked", true));
  }

  @Test
  void ruleIsStableOnceApplied() {
    List<TaskNode> tasks = new ArrayList<>(List.of(node(1, "to_do"), node(2, "to_do", 1), node(3, "blocked", true, 2),
        node(4, "done"), node(5, "blocked", true, 4)));
    List<StatusChange> changes = TaskRules.applyDependencies(tasks);
    assertThat(changes).containsExactlyInAnyOrder(
        new StatusChange(id(2), "blocked", true), new StatusChange(id(5), "to_do", false));

    for (StatusChange change : changes) {
      TaskNode old = tasks.stream().filter(t -> t.id().equals(change.id())).findFirst().orElseThrow();
      tasks.set(tasks.indexOf(old), new TaskNode(old.id(), change.status(), change.blockedByDependencies(),
          old.estimatedHours(), old.dependencies(), old.phase(), old.overdue()));
    }
    assertThat(TaskRules.applyDependencies(tasks)).isEmpty();
  }

  // --- progress

  @Test
  void progressPercentage() {
    assertThat(TaskRules.progressPercentage(0, 0)).isZero();
    assertThat(TaskRules.progressPercentage(0, 3)).isZero();
    assertThat(TaskRules.progressPercentage(1, 3)).isEqualTo(33);
    assertThat(TaskRules.progressPercentage(2, 3)).isEqualTo(67);
    assertThat(TaskRules.progressPercentage(1, 8)).isEqualTo(13); // 12.5 rounds up
    assertThat(TaskRules.progressPercentage(3, 3)).isEqualTo(100);
  }

  @Test
  void progressOfNoTasksIsZero() {
    assertThat(TaskRules.summary(List.of()).getInteger("progress_percentage")).isZero();
  }

  @Test
  void progressWhenAllAreCancelledIsZero() {
    JsonObject summary = TaskRules.summary(List.of(node(1, "cancelled"), node(2, "cancelled")));

    assertThat(summary.getInteger("progress_percentage")).isZero();
    assertThat(summary.getInteger("total")).isZero();
    assertThat(summary.getInteger("cancelled")).isEqualTo(2);
  }

  @Test
  void progressOneAndTwoOfThree() {
    assertThat(TaskRules.summary(List.of(node(1, "done"), node(2, "to_do"), node(3, "in_progress")))
        .getInteger("progress_percentage")).isEqualTo(33);
    assertThat(TaskRules.summary(List.of(node(1, "done"), node(2, "done"), node(3, "blocked")))
        .getInteger("progress_percentage")).isEqualTo(67);
  }

  @Test
  void cancelledTasksAreNotInTheDenominator() {
    JsonObject summary = TaskRules.summary(List.of(node(1, "done"), node(2, "done"), node(3, "to_do"),
        node(4, "cancelled"), node(5, "cancelled")));

    assertThat(summary.getInteger("progress_percentage")).isEqualTo(67); // 2 of 3, not 2 of 5
  }

  // --- summary

  @Test
  void summaryCounts() {
    List<TaskNode> tasks = List.of(
        inPhase(1, "done", "pre_production", false),
        inPhase(2, "to_do", "pre_production", true),
        inPhase(3, "in_progress", "pre_production", true),
        inPhase(4, "blocked", "venue_logistics", false),
        inPhase(5, "blocked", "venue_logistics", true),
        inPhase(6, "done", "venue_logistics", false),
        inPhase(7, "cancelled", "venue_logistics", true),
        inPhase(8, "in_progress", "post_event", false),
        inPhase(9, "cancelled", "creative_design", false));

    JsonObject summary = TaskRules.summary(tasks);

    JsonObject phases = new JsonObject()
        .put("pre_production", new JsonObject().put("total", 3).put("done", 1))
        .put("venue_logistics", new JsonObject().put("total", 3).put("done", 1))
        .put("creative_design", new JsonObject().put("total", 0).put("done", 0))
        .put("on_site_operations", new JsonObject().put("total", 0).put("done", 0))
        .put("post_event", new JsonObject().put("total", 1).put("done", 0));
    JsonObject expected = new JsonObject().put("total", 7).put("done", 2).put("in_progress", 2).put("blocked", 2)
        .put("overdue", 3).put("cancelled", 2).put("progress_percentage", 29) // 2 of 7 = 28.6
        .put("by_phase", phases);
    assertThat(summary).isEqualTo(expected);
    assertThat(summary.getJsonObject("by_phase").fieldNames())
        .containsExactly("pre_production", "venue_logistics", "creative_design", "on_site_operations", "post_event");
  }

  @Test
  void summaryOfNoTasksHasAllFivePhasesAtZero() {
    JsonObject summary = TaskRules.summary(List.of());

    assertThat(summary.getInteger("total")).isZero();
    assertThat(summary.getJsonObject("by_phase").fieldNames()).containsExactlyElementsOf(TaskRules.PHASES);
    TaskRules.PHASES.forEach(phase -> assertThat(summary.getJsonObject("by_phase").getJsonObject(phase))
        .isEqualTo(new JsonObject().put("total", 0).put("done", 0)));
  }
}
