package com.fashionos.tasks.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fashionos.tasks.plan.CriticalPath.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CriticalPathTest {
  private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
  private static final int HOURS_PER_DAY = 8; // working hours in one calendar day

  private static Instant daysLater(int days) {
    return NOW.plus(Duration.ofDays(days));
  }

  private static UUID id(int n) {
    return new UUID(0xC0FFEEL, n);
  }

  private static TaskNode task(int n, String status, int hours, int... deps) {
    return new TaskNode(id(n), status, false, hours, Arrays.stream(deps).mapToObj(CriticalPathTest::id).toList(),
        "pre_production", false);
  }

  private static TaskNode open(int n, int hours, int... deps) {
    return task(n, "to_do", hours, deps);
  }

  private static void assertPlace(Schedule s, double es, double ef, double ls, double lf, boolean critical) {
    assertThat(s.earliestStart()).as("earliest start").isCloseTo(es, within(1e-9));
    assertThat(s.earliestFinish()).as("earliest finish").isCloseTo(ef, within(1e-9));
    assertThat(s.latestStart()).as("latest start").isCloseTo(ls, within(1e-9));
    assertThat(s.latestFinish()).as("latest finish").isCloseTo(lf, within(1e-9));
    assertThat(s.critical()).as("critical").isEqualTo(critical);
  }

  @Test
  void chainIsCriticalThroughoutWithSlackOfHorizonMinusTotal() {
    int days = 5;
    int horizon = days * HOURS_PER_DAY; // 40
    // 1 (8h) <- 2 (10h) <- 3 (6h): 24 hours of work in a row.
    Map<UUID, Schedule> s = CriticalPath.compute(List.of(open(3, 6, 2), open(1, 8), open(2, 10, 1)), NOW, daysLater(days));

    int slack = horizon - (8 + 10 + 6); // 16
    assertThat(s).containsOnlyKeys(id(1), id(2), id(3));
    assertPlace(s.get(id(1)), 0, 8, 0 + slack, 8 + slack, true);
    assertPlace(s.get(id(2)), 8, 18, 8 + slack, 18 + slack, true);
    assertPlace(s.get(id(3)), 18, 24, 18 + slack, horizon, true);
    s.values().forEach(place -> assertThat(place.slackHours()).isEqualTo(slack));
  }

  @Test
  void horizonCountsEightWorkingHoursPerCalendarDay() {
    // 36 calendar hours = 1.5 days = 12 working hours; one 4-hour task leaves 8.
    Map<UUID, Schedule> s = CriticalPath.compute(List.of(open(1, 4)), NOW, NOW.plus(Duration.ofHours(36)));

    assertPlace(s.get(id(1)), 0, 4, 8, 12, true);
    assertThat(s.get(id(1)).slackHours()).isEqualTo(8);

    // 7.5 calendar hours = 2.5 working hours; slack is rounded to whole hours (2.5 -> 3).
    Map<UUID, Schedule> part = CriticalPath.compute(List.of(open(1, 0)), NOW, NOW.plus(Duration.ofMinutes(450)));
    assertPlace(part.get(id(1)), 0, 0, 2.5, 2.5, true);
    assertThat(part.get(id(1)).slackHours()).isEqualTo(3);
  }

  @Test
  void negativeEstimateTakesNoTime() {
    Map<UUID, Schedule> s = CriticalPath.compute(List.of(open(1, -5), open(2, 3, 1)), NOW, daysLater(1));

    assertPlace(s.get(id(1)), 0, 0, 5, 5, true);
    assertPlace(s.get(id(2)), 0, 3, 5, 8, true);
  }

  @Test
  void diamondLongerBranchIsCriticalShorterHasTheDifferenceAsSlack() {
    int horizon = 5 * HOURS_PER_DAY; // 40
    //      2 (10h)
    // 1 (4h)       4 (2h)
    //      3 (4h)
    Map<UUID, Schedule> s = CriticalPath.compute(
        List.of(open(1, 4), open(2, 10, 1), open(3, 4, 1), open(4, 2, 2, 3)), NOW, daysLater(5));

    int pathSlack = horizon - (4 + 10 + 2); // 24
    int branchDifference = 10 - 4; // 6
    assertPlace(s.get(id(1)), 0, 4, 24, 28, true);
    assertPlace(s.get(id(2)), 4, 14, 28, 38, true);
    assertPlace(s.get(id(3)), 4, 8, 34, 38, false);
    assertPlace(s.get(id(4)), 14, 16, 38, 40, true);
    assertThat(s.get(id(1)).slackHours()).isEqualTo(pathSlack);
    assertThat(s.get(id(2)).slackHours()).isEqualTo(pathSlack);
    assertThat(s.get(id(4)).slackHours()).isEqualTo(pathSlack);
    assertThat(s.get(id(3)).slackHours()).isEqualTo(pathSlack + branchDifference);
  }

  @Test
  void parallelIndependentBranchesOnlyTheLongestIsCritical() {
    int horizon = 3 * HOURS_PER_DAY; // 24
    // Branch A: 1 (8h) <- 2 (8h) = 16; branch B: 3 (4h) = 4; branch C: 4 (12h) <- 5 (10h) = 22.
    Map<UUID, Schedule> s = CriticalPath.compute(
        List.of(open(1, 8), open(2, 8, 1), open(3, 4), open(4, 12), open(5, 10, 4)), NOW, daysLater(3));

    assertThat(s.get(id(1)).slackHours()).isEqualTo(horizon - 16);
    assertThat(s.get(id(2)).slackHours()).isEqualTo(horizon - 16);
    assertThat(s.get(id(3)).slackHours()).isEqualTo(horizon - 4);
    assertThat(s.get(id(4)).slackHours()).isEqualTo(horizon - 22);
    assertThat(s.get(id(5)).slackHours()).isEqualTo(horizon - 22);
    assertThat(s.entrySet().stream().filter(e -> e.getValue().critical()).map(Map.Entry::getKey))
        .containsExactlyInAnyOrder(id(4), id(5));
  }

  @Test
  void workThatDoesNotFitBeforeTheEventHasNegativeSlackAndIsCritical() {
    int horizon = 1 * HOURS_PER_DAY; // 8
    // Late chain 1 <- 2 <- 3 of 6h each = 18h; task 4 (2h) alone fits easily.
    Map<UUID, Schedule> s = CriticalPath.compute(
        List.of(open(1, 6), open(2, 6, 1), open(3, 6, 2), open(4, 2)), NOW, daysLater(1));

    int lateBy = horizon - 18; // -10
    for (int n = 1; n <= 3; n++) {
      assertThat(s.get(id(n)).slackHours()).as("slack of %d", n).isEqualTo(lateBy).isNegative();
      assertThat(s.get(id(n)).critical()).as("critical %d", n).isTrue();
    }
    assertPlace(s.get(id(3)), 12, 18, 2, 8, true);
    assertPlace(s.get(id(1)), 0, 6, -10, -4, true);
    assertThat(s.get(id(4)).slackHours()).isEqualTo(horizon - 2);
    assertThat(s.get(id(4)).critical()).isFalse();
  }

  @Test
  void eventAlreadyStartedMakesEveryOpenTaskLate() {
    // Event started 2 days ago: horizon -16 working hours.
    Map<UUID, Schedule> s = CriticalPath.compute(List.of(open(1, 4), open(2, 0)), NOW, daysLater(-2));

    assertThat(s.get(id(1)).slackHours()).isEqualTo(-16 - 4);
    assertThat(s.get(id(2)).slackHours()).isEqualTo(-16);
    assertThat(s.get(id(1)).critical()).isTrue();
    assertThat(s.get(id(2)).critical()).isTrue(); // no slack left, even though not the least
  }

  @Test
  void doneTasksTakeNoTime() {
    int horizon = 2 * HOURS_PER_DAY; // 16
    // 1 is done (its 20h estimate no longer counts) <- 2 (8h).
    Map<UUID, Schedule> s = CriticalPath.compute(List.of(task(1, "done", 20), open(2, 8, 1)), NOW, daysLater(2));

    assertPlace(s.get(id(1)), 0, 0, 8, 8, true);
    assertPlace(s.get(id(2)), 0, 8, 8, 16, true);
    assertThat(s.get(id(2)).slackHours()).isEqualTo(horizon - 8);
  }

  @Test
  void cancelledTasksAreLeftOutAndDependenciesOnThemIgnored() {
    int horizon = 2 * HOURS_PER_DAY; // 16
    // 1 is cancelled (20h would not fit); 2 (8h) depends on it; 3 (4h) on its own.
    Map<UUID, Schedule> s = CriticalPath.compute(
        List.of(task(1, "cancelled", 20), open(2, 8, 1), open(3, 4)), NOW, daysLater(2));

    assertThat(s).containsOnlyKeys(id(2), id(3));
    assertPlace(s.get(id(2)), 0, 8, 8, 16, true);
    assertThat(s.get(id(2)).slackHours()).isEqualTo(horizon - 8);
    assertThat(s.get(id(3)).slackHours()).isEqualTo(horizon - 4);
    assertThat(s.get(id(3)).critical()).isFalse();
  }

  @Test
  void dependencyOnUnknownTaskIsIgnored() {
    TaskNode orphan = new TaskNode(id(1), "to_do", false, 4, List.of(UUID.randomUUID()), "post_event", false);

    Map<UUID, Schedule> s = CriticalPath.compute(List.of(orphan), NOW, daysLater(1));

    assertPlace(s.get(id(1)), 0, 4, 4, 8, true);
  }

  @Test
  void noTasksGiveAnEmptySchedule() {
    assertThat(CriticalPath.compute(List.of(), NOW, daysLater(1))).isEmpty();
  }

  @Test
  void largeTwentyDeepPlanComputesQuicklyAndCorrectly() {
    int depth = 20;
    int days = 10;
    int horizon = days * HOURS_PER_DAY; // 80
    // A spine of 20 tasks of 2h (40h in a row). 130 side tasks of 1h, 7 per level for levels
    // 0-9 and 6 for 10-19: a side task at level i depends on spine[i-1] and feeds spine[i+1].
    int spineHours = 2;
    List<TaskNode> tasks = new ArrayList<>();
    List<List<Integer>> sidesByLevel = new ArrayList<>();
    int next = 1000;
    for (int level = 0; level < depth; level++) {
      List<Integer> sides = new ArrayList<>();
      for (int k = 0; k < (level < 10 ? 7 : 6); k++) sides.add(next++);
      sidesByLevel.add(sides);
    }
    for (int level = 0; level < depth; level++) {
      List<Integer> deps = new ArrayList<>();
      if (level > 0) {
        deps.add(level - 1);
        deps.addAll(sidesByLevel.get(level - 1));
      }
      tasks.add(open(level, spineHours, deps.stream().mapToInt(Integer::intValue).toArray()));
      for (int side : sidesByLevel.get(level)) {
        tasks.add(level > 0 ? open(side, 1, level - 1) : open(side, 1));
      }
    }
    assertThat(tasks).hasSize(150);
    Collections.shuffle(tasks, new Random(42));

    long started = System.nanoTime();
    Map<UUID, Schedule> s = CriticalPath.compute(tasks, NOW, daysLater(days));
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(elapsedMillis).as("compute time in ms").isLessThan(500);
    assertThat(s).hasSize(150);
    int spineSlack = horizon - depth * spineHours; // 40
    for (int level = 0; level < depth; level++) {
      Schedule spine = s.get(id(level));
      assertPlace(spine, level * spineHours, (level + 1) * spineHours, level * spineHours + spineSlack,
          (level + 1) * spineHours + spineSlack, true);
      for (int side : sidesByLevel.get(level)) {
        // Starts with spine[level], done an hour before spine[level + 1] (or the event) needs it.
        Schedule place = s.get(id(side));
        assertThat(place.earliestStart()).isEqualTo(level * spineHours);
        assertThat(place.slackHours()).as("slack of side %d", side).isEqualTo(spineSlack + 1);
        assertThat(place.critical()).isFalse();
      }
    }
    assertThat(s.values().stream().filter(Schedule::critical)).hasSize(depth);
  }
}
