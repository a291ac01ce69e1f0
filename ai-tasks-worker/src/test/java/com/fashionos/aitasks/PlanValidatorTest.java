package com.fashionos.aitasks;

import static com.fashionos.aitasks.TestPlans.END;
import static com.fashionos.aitasks.TestPlans.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

  private static PlanValidator.Result validate(ObjectNode answer) {
    return PlanValidator.validate(answer.toString(), TestPlans.request());
  }

  private static ObjectNode task(ObjectNode answer, int number) {
    return (ObjectNode) answer.get("tasks").get(number - 1);
  }

  private static PlannedTask byKey(List<PlannedTask> plan, String key) {
    return plan.stream().filter(task -> task.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void validAnswerPassesUnchanged() {
    PlanValidator.Result result = validate(TestPlans.answer(100));

    assertThat(result.repairs()).isEmpty();
    assertThat(result.tasks()).hasSize(100);
    assertThat(result.tasks()).extracting(PlannedTask::key)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj(TestPlans::key).toList());
    assertThat(result.tasks().get(99)).isEqualTo(new PlannedTask("task_100", "Task 100", "Description of task 100.",
        "pre_production", "event_planning", "critical", TestPlans.deadline(100, "pre_production"), 21,
        List.of("task_099")));
  }

  @Test
  void answersThatAreNotAPlanAreRejected() {
    for (String answer : List.of("", "{\"tasks\": [", "not json", "[]", "{\"items\": []}", "{\"tasks\": {}}")) {
      assertThatThrownBy(() -> PlanValidator.validate(answer, TestPlans.request()))
          .as(answer).isInstanceOf(PlanRejectedException.class);
    }
  }

  @Test
  void enumsInAnotherSpellingAreNormalised() {
    ObjectNode answer = TestPlans.answer(80);
    task(answer, 1).put("phase", "Pre-Production").put("workflow_category", "MEDIA").put("priority", "Critical");
    task(answer, 2).put("phase", "on site  operations");

    PlanValidator.Result result = validate(answer);

    assertThat(result.tasks().get(0)).extracting(PlannedTask::phase, PlannedTask::workflowCategory,
        PlannedTask::priority).containsExactly("pre_production", "media", "critical");
    assertThat(result.tasks().get(1).phase()).isEqualTo("on_site_operations");
    assertThat(result.repairs()).anyMatch(line -> line.contains("'Pre-Production' read as pre_production"));
  }

  @Test
  void taskWithAnUnknownEnumIsDroppedWithTheDependenciesOnIt() {
    ObjectNode answer = TestPlans.answer(82);
    task(answer, 10).put("priority", "urgent");
    task(answer, 20).put("workflow_category", "catering");

    List<PlannedTask> plan = validate(answer).tasks();

    assertThat(plan).hasSize(80).extracting(PlannedTask::key).doesNotContain("task_010", "task_020");
    assertThat(byKey(plan, "task_011").dependsOn()).isEmpty();
    assertThat(byKey(plan, "task_021").dependsOn()).isEmpty();
  }

  @Test
  void fewerThanEightyUsableTasksAreRejected() {
    ObjectNode answer = TestPlans.answer(80);
    task(answer, 5).remove("name");

    assertThatThrownBy(() -> validate(answer)).isInstanceOf(PlanRejectedException.class)
        .hasMessageContaining("only 79 usable tasks").hasMessageContaining("task #5 dropped: no name");
  }

  @Test
  void aboveOneHundredFiftyTheLowestPriorityTasksAreDropped() {
    ObjectNode answer = TestPlans.answer(160);
    for (int i = 1; i <= 160; i++) {
      task(answer, i).put("priority", i % 10 == 0 ? "low" : i % 3 == 0 ? "medium" : "high");
    }

    PlanValidator.Result result = validate(answer);

    // 16 low tasks (every tenth): the first 6 stay, the last 10 go; the answer's order is kept.
    List<String> dropped = List.of("task_070", "task_080", "task_090", "task_100", "task_110", "task_120",
        "task_130", "task_140", "task_150", "task_160");
    assertThat(result.tasks()).hasSize(150).extracting(PlannedTask::key).doesNotContainAnyElementsOf(dropped)
        .contains("task_060").isSortedAccordingTo(String::compareTo);
    assertThat(byKey(result.tasks(), "task_071").dependsOn()).isEmpty();
    assertThat(result.repairs()).contains("10 lowest-priority tasks dropped to keep 150");
  }

  @Test
  void repeatedKeysGetASuffixAndReferencesKeepTheFirst() {
    ObjectNode answer = TestPlans.answer(90);
    task(answer, 3).put("key", "task_002");
    task(answer, 4).put("key", "task_002");

    List<PlannedTask> plan = validate(answer).tasks();

    assertThat(plan.subList(1, 4)).extracting(PlannedTask::key).containsExactly("task_002", "task_002_2",
        "task_002_3");
    // Keys task_003 and task_004 are gone, so the dependencies on them are dropped.
    assertThat(plan.get(2).dependsOn()).containsExactly("task_002");
    assertThat(plan.get(3).dependsOn()).isEmpty();
    assertThat(plan.get(4).dependsOn()).isEmpty();
  }

  @Test
  void keysAreNormalisedAndAMissingKeyIsMadeFromTheName() {
    ObjectNode answer = TestPlans.answer(80);
    task(answer, 1).put("key", "Book Venue!");
    task(answer, 2).putArray("depends_on").add("BOOK-VENUE");
    task(answer, 3).remove("key");
    task(answer, 3).put("name", "Confirm Sponsors' Logos");
    task(answer, 4).putArray("depends_on").add("confirm_sponsors_logos");
    task(answer, 5).put("key", "x".repeat(100));

    List<PlannedTask> plan = validate(answer).tasks();

    assertThat(plan.get(0).key()).isEqualTo("book_venue");
    assertThat(plan.get(1).dependsOn()).containsExactly("book_venue");
    assertThat(plan.get(2).key()).isEqualTo("confirm_sponsors_logos");
    assertThat(plan.get(3).dependsOn()).containsExactly("confirm_sponsors_logos");
    assertThat(plan.get(4).key()).hasSize(PlanValidator.MAX_KEY_LENGTH);
  }

  @Test
  void deadlinesNotBeforeTheStartMoveToTheDayBeforeExceptPostEvent() {
    ObjectNode answer = TestPlans.answer(80);
    task(answer, 1).put("phase", "pre_production").put("deadline", START.plusHours(1).toString());
    task(answer, 2).put("phase", "on_site_operations").put("deadline", START.toString());
    task(answer, 3).put("phase", "venue_logistics").put("deadline", START.minusMinutes(30).toString());
    task(answer, 4).put("phase", "post_event").put("deadline", END.plusDays(3).toString());

    List<PlannedTask> plan = validate(answer).tasks();

    assertThat(plan.get(0).deadline()).isEqualTo(START.minusDays(1));
    assertThat(plan.get(1).deadline()).isEqualTo(START.minusDays(1));
    assertThat(plan.get(2).deadline()).isEqualTo(START.minusMinutes(30));
    assertThat(plan.get(3).deadline()).isEqualTo(END.plusDays(3));
  }

  @Test
  void deadlinesWithoutOffsetTakeTheEventsAndUnreadableOnesDropTheTask() {
    ObjectNode answer = TestPlans.answer(81);
    task(answer, 1).put("phase", "pre_production").put("deadline", "2026-08-01");
    task(answer, 2).put("phase", "pre_production").put("deadline", "2026-08-02T09:30");
    task(answer, 3).put("phase", "pre_production").put("deadline", "2026-08-03T09:30:00Z");
    task(answer, 4).put("deadline", "next Friday");

    List<PlannedTask> plan = validate(answer).tasks();

    assertThat(plan.get(0).deadline()).isEqualTo(OffsetDateTime.parse("2026-08-01T00:00:00+02:00"));
    assertThat(plan.get(1).deadline()).isEqualTo(OffsetDateTime.parse("2026-08-02T09:30:00+02:00"));
    assertThat(plan.get(2).deadline()).isEqualTo(OffsetDateTime.parse("2026-08-03T09:30:00Z"));
    assertThat(plan).hasSize(80).extracting(PlannedTask::key).doesNotContain("task_004");
  }

  @Test
  void estimatesAreRoundedAndClampedAndNonNumbersDropTheTask() {
    ObjectNode answer = TestPlans.answer(81);
    task(answer, 1).put("estimated_hours", 0);
    task(answer, 2).put("estimated_hours", 1000);
    task(answer, 3).put("estimated_hours", 2.6);
    task(answer, 4).put("estimated_hours", "5");

    List<PlannedTask> plan = validate(answer).tasks();

    assertThat(plan.subList(0, 3)).extracting(PlannedTask::estimatedHours).containsExactly(1, 400, 3);
    assertThat(plan).hasSize(80).extracting(PlannedTask::key).doesNotContain("task_004");
  }

  @Test
  void unknownSelfAndRepeatedDependenciesAreDropped() {
    ObjectNode answer = TestPlans.answer(80);
    task(answer, 5).putArray("depends_on").add("task_004").add("task_004").add("task_005").add("no_such_task")
        .add(7);
    task(answer, 6).put("depends_on", "task_005");
    task(answer, 7).remove("depends_on");

    PlanValidator.Result result = validate(answer);

    assertThat(result.tasks().get(4).dependsOn()).containsExactly("task_004");
    assertThat(result.tasks().get(5).dependsOn()).isEmpty();
    assertThat(result.tasks().get(6).dependsOn()).isEmpty();
    assertThat(result.repairs()).anyMatch(line -> line.contains("[task_005, no_such_task]"));
  }

  @Test
  void cyclesAreBrokenByDroppingTheClosingEdge() {
    ObjectNode answer = TestPlans.answer(80);
    // task_001 -> task_003 -> task_002 -> task_001, and task_010 <-> task_011.
    task(answer, 1).putArray("depends_on").add("task_003");
    task(answer, 10).putArray("depends_on").add("task_011");

    PlanValidator.Result result = validate(answer);

    assertThat(result.tasks().get(0).dependsOn()).containsExactly("task_003");
    assertThat(result.tasks().get(2).dependsOn()).containsExactly("task_002");
    assertThat(result.tasks().get(1).dependsOn()).isEmpty();
    assertThat(result.tasks().get(9).dependsOn()).containsExactly("task_011");
    assertThat(result.tasks().get(10).dependsOn()).isEmpty();
    assertThat(result.repairs()).filteredOn(line -> line.contains("closed a cycle")).hasSize(2);
    assertThat(isAcyclic(result.tasks())).isTrue();
  }

  @Test
  void aLongCycleThroughTheWholePlanIsBroken() {
    ObjectNode answer = TestPlans.answer(150);
    task(answer, 1).putArray("depends_on").add("task_150");

    PlanValidator.Result result = validate(answer);

    assertThat(isAcyclic(result.tasks())).isTrue();
    assertThat(result.tasks().stream().mapToInt(task -> task.dependsOn().size()).sum()).isEqualTo(149);
  }

  /** Kahn's algorithm: every task can be ordered after its prerequisites. */
  private static boolean isAcyclic(List<PlannedTask> plan) {
    Map<String, Integer> waiting = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (PlannedTask task : plan) {
      waiting.put(task.key(), task.dependsOn().size());
      task.dependsOn().forEach(ref -> dependents.computeIfAbsent(ref, k -> new ArrayList<>()).add(task.key()));
    }
    Deque<String> ready = new ArrayDeque<>();
    waiting.forEach((key, count) -> {
      if (count == 0) {
        ready.add(key);
      }
    });
    int ordered = 0;
    while (!ready.isEmpty()) {
      String key = ready.poll();
      ordered++;
      for (String dependent : dependents.getOrDefault(key, List.of())) {
        if (waiting.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    return ordered == plan.size();
  }
}
