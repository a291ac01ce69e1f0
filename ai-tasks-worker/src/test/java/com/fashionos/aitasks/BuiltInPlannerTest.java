package com.fashionos.aitasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.aitasks.TaskTemplate.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInPlannerTest {
  private static final UUID EVENT_ID = UUID.fromString("6f1c1a52-1d8e-4c36-9d6e-3f3c2a3b9e10");
  private static final String NEW_YORK = "America/New_York";
  /** 19:00 in New York, in summer time. */
  private static final OffsetDateTime START = OffsetDateTime.parse("2026-09-15T19:00:00-04:00");
  /** Well before the earliest lead time, so no deadline needs squeezing. */
  private static final Clock LONG_BEFORE = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** @param days 0 for no end date */
  record Size(int designers, int sponsors, int attendees, int days) {}

  static final List<Size> SIZES = List.of(new Size(0, 0, 100, 1), new Size(3, 2, 400, 2), new Size(12, 8, 1500, 3),
      new Size(30, 20, 5000, 7));
  static final List<String> EVENT_TYPES = PlannedTask.EVENT_TYPES;

  private final BuiltInPlanner planner = new BuiltInPlanner(LONG_BEFORE);

  static Stream<Arguments> everyTypeAndSize() {
    return EVENT_TYPES.stream().flatMap(type -> SIZES.stream().map(size -> Arguments.of(type, size)));
  }

  private static PlanRequest request(String type, Size size) {
    return request(type, size, START, NEW_YORK);
  }

  /** A {@code days}-day event ends on its last day, four hours after the hour it started. */
  private static PlanRequest request(String type, Size size, OffsetDateTime start, String timezone) {
    OffsetDateTime end = size.days() == 0 ? null : start.plusDays(size.days() - 1L).plusHours(4);
    return new PlanRequest(EVENT_ID, "Atelier Noir SS27", type, "A show for the new season", start, end, timezone,
        size.designers(), size.sponsors(), size.attendees());
  }

  private static Map<String, PlannedTask> byKey(List<PlannedTask> plan) {
    return plan.stream().collect(Collectors.toMap(PlannedTask::key, Function.identity()));
  }

  private static Set<String> keys(List<PlannedTask> plan) {
    return plan.stream().map(PlannedTask::key).collect(Collectors.toSet());
  }

  // ---- Every event type at every size ----

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyTypeAndSize")
  void planHas80To150WellFormedTasks(String type, Size size) {
    List<PlannedTask> plan = planner.plan(request(type, size));

    assertThat(plan).hasSizeBetween(PlannedTask.MIN_TASKS, PlannedTask.MAX_TASKS);
    assertThat(keys(plan)).hasSize(plan.size());
    assertThat(plan).allSatisfy(task -> {
      assertThat(task.key()).matches("[a-z0-9_]{1,64}");
      assertThat(task.name()).isNotBlank().hasSizeLessThanOrEqualTo(200).doesNotContain(TaskTemplate.WHO);
      assertThat(task.description()).isNotBlank().hasSizeLessThanOrEqualTo(1000).doesNotContain(TaskTemplate.WHO);
      assertThat(task.phase()).isIn(PlannedTask.PHASES);
      assertThat(task.workflowCategory()).isIn(PlannedTask.WORKFLOW_CATEGORIES);
      assertThat(task.priority()).isIn(PlannedTask.PRIORITIES);
      assertThat(task.estimatedHours()).isPositive();
      assertThat(task.deadline()).isNotNull();
    });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyTypeAndSize")
  void planCoversEveryPhaseAndWorkflowCategory(String type, Size size) {
    List<PlannedTask> plan = planner.plan(request(type, size));

    assertThat(plan).extracting(PlannedTask::phase).containsAll(PlannedTask.PHASES);
    assertThat(plan).extracting(PlannedTask::workflowCategory).containsAll(PlannedTask.WORKFLOW_CATEGORIES);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyTypeAndSize")
  void onlyPostEventTasksAreDueAfterTheStartAndThoseAfterTheEnd(String type, Size size) {
    PlanRequest request = request(type, size);
    List<PlannedTask> plan = planner.plan(request);

    assertThat(plan).filteredOn(task -> !task.phase().equals("post_event"))
        .allSatisfy(task -> assertThat(task.deadline()).isBefore(START));
    assertThat(plan).filteredOn(task -> task.phase().equals("post_event"))
        .isNotEmpty()
        .allSatisfy(task -> assertThat(task.deadline()).isAfter(START).isAfter(request.endDate()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyTypeAndSize")
  void dependenciesAreInThePlanAcyclicAndDueFirst(String type, Size size) {
    assertDependenciesSound(planner.plan(request(type, size)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyTypeAndSize")
  void sameRequestSamePlan(String type, Size size) {
    PlanRequest request = request(type, size);

    List<PlannedTask> first = planner.plan(request);

    assertThat(planner.plan(request)).isEqualTo(first);
    assertThat(new BuiltInPlanner(LONG_BEFORE).plan(request)).isEqualTo(first);
  }

  @ParameterizedTest
  @FieldSource("EVENT_TYPES")
  void biggerEventsGetMoreTasks(String type) {
    List<Integer> counts = SIZES.stream().map(size -> planner.plan(request(type, size)).size()).toList();

    assertThat(counts).isSorted();
    assertThat(counts.get(counts.size() - 1)).isGreaterThan(counts.get(0));
  }

  @ParameterizedTest
  @FieldSource("EVENT_TYPES")
  void smallestPossibleEventStillGetsAFullPlan(String type) {
    List<PlannedTask> plan = planner.plan(request(type, new Size(0, 0, 0, 0)));

    assertThat(plan).hasSizeGreaterThanOrEqualTo(PlannedTask.MIN_TASKS);
    assertThat(plan).extracting(PlannedTask::phase).containsAll(PlannedTask.PHASES);
    assertThat(plan).extracting(PlannedTask::workflowCategory).containsAll(PlannedTask.WORKFLOW_CATEGORIES);
    assertThat(plan.stream().filter(task -> task.phase().equals("post_event")))
        .allSatisfy(task -> assertThat(task.deadline()).isAfter(START));
    assertDependenciesSound(plan);
  }

  @ParameterizedTest
  @FieldSource("EVENT_TYPES")
  void hugeEventsStayWithin150(String type) {
    List<PlannedTask> plan = planner.plan(request(type, new Size(500, 300, 1_000_000, 60)));

    assertThat(plan).hasSizeBetween(PlannedTask.MIN_TASKS, PlannedTask.MAX_TASKS);
    assertDependenciesSound(plan);
  }

  @ParameterizedTest
  @FieldSource("EVENT_TYPES")
  void negativeCountsAreReadAsZero(String type) {
    PlanRequest negative = new PlanRequest(EVENT_ID, "x", type, null, START, null, NEW_YORK, -3, -1, -50);

    assertThat(planner.plan(negative)).isEqualTo(planner.plan(request(type, new Size(0, 0, 0, 0))));
  }

  // ---- What each event type gets ----

  static Stream<Arguments> typeSpecificTasks() {
    return Stream.of(
        Arguments.of("runway_show", List.of("casting", "fitting_1", "look_approval_1", "look_order", "hmu_test",
            "runway_build", "front_row", "photographers_pit", "backstage_call", "garment_returns")),
        Arguments.of("brand_activation", List.of("activation_concept", "experiential_build", "influencer_list",
            "influencer_briefs", "data_capture", "visitor_metrics")),
        Arguments.of("pop_up", List.of("retail_fit_out", "pos_setup", "stock_plan", "stock_delivery",
            "visual_merchandising", "sales_report")),
        Arguments.of("trunk_show", List.of("client_list", "client_appointments", "private_viewing",
            "appointment_reminders", "order_processing")),
        Arguments.of("fashion_week", List.of("calendar_registration", "show_schedule", "showroom",
            "buyer_appointments", "press_office", "casting", "look_order")),
        Arguments.of("panel", List.of("speaker_booking", "moderator_brief", "av_for_talks", "audience_qa",
            "recording_publish")),
        Arguments.of("launch_party", List.of("vip_list", "dj_entertainment", "bar_service", "product_reveal",
            "reveal_rehearsal")));
  }

  @ParameterizedTest
  @MethodSource("typeSpecificTasks")
  void eachEventTypeGetsItsOwnTasks(String type, List<String> expected) {
    for (Size size : List.of(SIZES.get(0), SIZES.get(SIZES.size() - 1))) {
      assertThat(keys(planner.plan(request(type, size)))).containsAll(expected);
    }
  }

  @Test
  void typeSpecificTasksStayInTheirType() {
    assertThat(keys(planner.plan(request("panel", SIZES.get(1)))))
        .doesNotContain("casting", "retail_fit_out", "client_appointments", "product_reveal", "showroom");
    assertThat(keys(planner.plan(request("runway_show", SIZES.get(1)))))
        .doesNotContain("calendar_registration", "speaker_booking", "experiential_build");
  }

  @ParameterizedTest
  @FieldSource("EVENT_TYPES")
  void everyEventGetsTheProductionEssentials(String type) {
    assertThat(keys(planner.plan(request(type, SIZES.get(0))))).contains("venue_contract", "event_insurance",
        "permits_licences", "risk_assessment", "lighting_sound_design", "seating_plan", "press_accreditation",
        "run_of_show", "load_in", "doors", "load_out", "final_report", "sponsorship_deck");
  }

  // ---- Scaling ----

  @Test
  void aFewDesignersGetATaskEach() {
    Map<String, PlannedTask> plan = byKey(planner.plan(request("runway_show", new Size(3, 0, 100, 1))));

    assertThat(plan.get("fitting_1").name()).isEqualTo("Fitting: designer 1");
    assertThat(plan.get("fitting_3").name()).isEqualTo("Fitting: designer 3");
    assertThat(plan).doesNotContainKey("fitting_4");
    assertThat(plan.get("look_approval_2").dependsOn()).containsExactly("fitting_2");
    assertThat(plan.get("look_order").dependsOn()).contains("look_approval_1", "look_approval_2", "look_approval_3");
  }

  @Test
  void manyDesignersAreGroupedSoEveryOneIsCovered() {
    List<PlannedTask> fittings = planner.plan(request("runway_show", new Size(30, 0, 100, 1))).stream()
        .filter(task -> task.key().startsWith("fitting_")).toList();

    assertThat(fittings).extracting(PlannedTask::name).containsExactlyInAnyOrder("Fitting: designers 1–4",
        "Fitting: designers 5–8", "Fitting: designers 9–12", "Fitting: designers 13–16", "Fitting: designers 17–20",
        "Fitting: designers 21–24", "Fitting: designers 25–27", "Fitting: designers 28–30");
  }

  @Test
  void aShowWithoutNamedDesignersStillFitsTheHouseCollection() {
    Map<String, PlannedTask> plan = byKey(planner.plan(request("runway_show", new Size(0, 0, 100, 1))));

    assertThat(plan.get("fitting_1").name()).isEqualTo("Fitting: house collection");
    assertThat(plan).doesNotContainKey("designer_agreements");
    assertThat(plan.get("fitting_1").dependsOn()).containsExactly("casting", "master_budget");
  }

  @Test
  void designerTasksThatNeedDesignersAreLeftOutWithoutThem() {
    assertThat(keys(planner.plan(request("panel", new Size(0, 0, 100, 1))))).noneMatch(key -> key.startsWith(
        "panelist_bio"));
    assertThat(keys(planner.plan(request("panel", new Size(2, 0, 100, 1)))))
        .contains("panelist_bio_1", "panelist_bio_2", "designer_agreements");
  }

  @Test
  void sponsorsGetActivationPlansAndReports() {
    Map<String, PlannedTask> plan = byKey(planner.plan(request("brand_activation", new Size(0, 3, 100, 1))));

    assertThat(plan).containsKeys("sponsor_contracts", "sponsor_activation_1", "sponsor_activation_3",
        "sponsor_report_1", "sponsor_report_3", "sponsor_hosting", "sponsor_fulfilment");
    assertThat(plan.get("sponsor_report_2").name()).isEqualTo("Deliver sponsor report: sponsor 2");
    assertThat(plan.get("sponsor_hosting").dependsOn())
        .contains("sponsor_activation_1", "sponsor_activation_2", "sponsor_activation_3");
  }

  @Test
  void withoutSponsorsOnlyTheSalesWorkRemainsAndDependenciesAreRewired() {
    Map<String, PlannedTask> plan = byKey(planner.plan(request("launch_party", new Size(0, 0, 100, 1))));

    assertThat(plan).containsKeys("sponsorship_deck", "sponsor_outreach")
        .doesNotContainKeys("sponsor_contracts", "sponsor_activation_1", "sponsor_report_1", "sponsor_hosting");
    // Gifting is sourced from sponsors; with none contracted it waits on the outreach instead.
    assertThat(plan.get("gifting").dependsOn()).containsExactly("guest_list", "sponsor_outreach");
  }

  @Test
  void multiDayEventsGetARunSheetAndRosterPerDay() {
    assertThat(keys(planner.plan(request("fashion_week", new Size(0, 0, 100, 1)))))
        .noneMatch(key -> key.startsWith("run_sheet_day") || key.startsWith("staff_roster_day"));

    Map<String, PlannedTask> plan = byKey(planner.plan(request("fashion_week", new Size(0, 0, 100, 3))));

    assertThat(plan).containsKeys("run_sheet_day_1", "run_sheet_day_3", "staff_roster_day_3")
        .doesNotContainKey("run_sheet_day_4");
    assertThat(plan.get("run_sheet_day_2").name()).isEqualTo("Run sheet & call times: day 2");
    assertThat(plan.get("crew_briefing").dependsOn()).contains("run_sheet_day_1", "staff_roster_day_3");
  }

  @Test
  void largeAudiencesGetCrowdSafetyAndLongerGuestWork() {
    Map<String, PlannedTask> small = byKey(planner.plan(request("launch_party", new Size(0, 0, 100, 1))));
    Map<String, PlannedTask> large = byKey(planner.plan(request("launch_party", new Size(0, 0, 5000, 1))));

    assertThat(small).doesNotContainKeys("crowd_management", "authority_notice", "traffic_plan", "usher_team");
    assertThat(large).containsKeys("crowd_management", "bag_check", "authority_notice", "medical_point",
        "entry_lanes", "usher_team", "traffic_plan", "overflow_area", "guest_welfare");
    assertThat(large.get("guest_list").estimatedHours()).isEqualTo(3 * small.get("guest_list").estimatedHours());
    assertThat(large.get("event_brief").estimatedHours()).isEqualTo(small.get("event_brief").estimatedHours());
    assertThat(large.get("doors").dependsOn()).contains("crowd_management", "bag_check", "usher_team");
  }

  @Test
  void overfullPlansDropOptionalTasksLowestPriorityFirst() {
    Set<String> optional = TaskLibrary.TEMPLATES.stream().filter(TaskTemplate::optional).map(TaskTemplate::key)
        .collect(Collectors.toSet());
    Map<String, String> priorityOf = TaskLibrary.TEMPLATES.stream()
        .collect(Collectors.toMap(TaskTemplate::key, TaskTemplate::priority));
    Set<String> before = keys(planner.plan(request("fashion_week", SIZES.get(1))));
    List<PlannedTask> plan = planner.plan(request("fashion_week", new Size(30, 20, 5000, 7)));
    Set<String> after = keys(plan);

    assertThat(plan).hasSize(PlannedTask.MAX_TASKS);
    Set<String> dropped = before.stream().filter(key -> !after.contains(key)).collect(Collectors.toSet());
    assertThat(dropped).isNotEmpty().allMatch(optional::contains);
    int highestDropped = dropped.stream().mapToInt(key -> PlannedTask.PRIORITIES.indexOf(priorityOf.get(key)))
        .min().orElseThrow();
    assertThat(after.stream().filter(optional::contains))
        .allSatisfy(key -> assertThat(PlannedTask.PRIORITIES.indexOf(priorityOf.get(key)))
            .isLessThanOrEqualTo(highestDropped));
  }

  // ---- Deadlines ----

  @Test
  void deadlinesAreAt18hLocalTheLeadDaysBeforeTheStart() {
    Map<String, PlannedTask> plan = byKey(planner.plan(request("runway_show", new Size(2, 1, 100, 2))));

    assertThat(plan.get("event_brief").deadline()).isEqualTo(OffsetDateTime.parse("2026-05-18T18:00:00-04:00"));
    assertThat(plan.get("casting").deadline()).isEqualTo(OffsetDateTime.parse("2026-08-01T18:00:00-04:00"));
    assertThat(plan.get("load_in").deadline()).isEqualTo(OffsetDateTime.parse("2026-09-14T18:00:00-04:00"));
    // On the day: 18:00, since doors are at 19:00.
    assertThat(plan.get("doors").deadline()).isEqualTo(OffsetDateTime.parse("2026-09-15T18:00:00-04:00"));
    // The event ends on 16 September; post-event work counts from then.
    assertThat(plan.get("load_out").deadline()).isEqualTo(OffsetDateTime.parse("2026-09-17T18:00:00-04:00"));
    assertThat(plan.get("final_report").deadline()).isEqualTo(OffsetDateTime.parse("2026-10-07T18:00:00-04:00"));
  }

  @Test
  void deadlinesFollowTheEventsZoneAcrossDaylightSavingChanges() {
    OffsetDateTime springStart = OffsetDateTime.parse("2027-03-20T14:00:00-04:00");
    Map<String, PlannedTask> plan = byKey(planner.plan(
        request("panel", SIZES.get(0), springStart, NEW_YORK)));

    // 120 days earlier New York is on standard time.
    assertThat(plan.get("event_brief").deadline()).isEqualTo(OffsetDateTime.parse("2026-11-20T18:00:00-05:00"));
  }

  @Test
  void dayOfTasksForAMorningEventAreDueAnHourBeforeTheStart() {
    OffsetDateTime morning = OffsetDateTime.parse("2026-09-15T08:00:00-04:00");
    Map<String, PlannedTask> plan = byKey(planner.plan(request("trunk_show", SIZES.get(0), morning, NEW_YORK)));

    assertThat(plan.get("doors").deadline()).isEqualTo(OffsetDateTime.parse("2026-09-15T07:00:00-04:00"));
    assertThat(plan.get("load_in").deadline()).isEqualTo(OffsetDateTime.parse("2026-09-14T18:00:00-04:00"));
  }

  @Test
  void withoutAnEndPostEventWorkCountsFromTheStart() {
    Map<String, PlannedTask> plan = byKey(planner.plan(request("pop_up", new Size(0, 0, 100, 0))));

    assertThat(plan.get("load_out").deadline()).isEqualTo(OffsetDateTime.parse("2026-09-16T18:00:00-04:00"));
  }

  @Test
  void anEndBeforeTheStartIsReadAsNoEnd() {
    PlanRequest backwards = new PlanRequest(EVENT_ID, "x", "pop_up", null, START, START.minusDays(3), NEW_YORK, 0,
        0, 100);

    assertThat(planner.plan(backwards)).isEqualTo(planner.plan(request("pop_up", new Size(0, 0, 100, 0))));
  }

  @Test
  void anUnknownTimezoneFallsBackToTheStartsOffset() {
    Map<String, PlannedTask> plan = byKey(planner.plan(request("panel", SIZES.get(0), START, "Mars/Olympus_Mons")));

    assertThat(plan.get("event_brief").deadline()).isEqualTo(OffsetDateTime.parse("2026-05-18T18:00:00-04:00"));
    assertThat(byKey(planner.plan(request("panel", SIZES.get(0), START, null))).get("event_brief").deadline())
        .isEqualTo(OffsetDateTime.parse("2026-05-18T18:00:00-04:00"));
  }

  @Test
  void anImminentEventHasItsDeadlinesSqueezedBetweenNowAndTheStart() {
    Instant now = START.toInstant().minus(Duration.ofDays(10));
    BuiltInPlanner soon = new BuiltInPlanner(Clock.fixed(now, ZoneOffset.UTC));

    List<PlannedTask> plan = soon.plan(request("fashion_week", SIZES.get(1)));
    Map<String, PlannedTask> byKey = byKey(plan);

    assertThat(plan).filteredOn(task -> !task.phase().equals("post_event"))
        .allSatisfy(task -> assertThat(task.deadline().toInstant()).isBetween(now, START.toInstant().minusSeconds(60)));
    assertThat(byKey.get("calendar_registration").deadline().toInstant()).isEqualTo(now);
    assertThat(byKey.get("event_brief").deadline()).isBefore(byKey.get("venue_contract").deadline());
    assertThat(byKey.get("venue_contract").deadline()).isBefore(byKey.get("final_rsvps").deadline());
    assertThat(byKey.get("load_out").deadline())
        .isEqualTo(planner.plan(request("fashion_week", SIZES.get(1))).stream()
            .filter(task -> task.key().equals("load_out")).findFirst().orElseThrow().deadline());
    assertDependenciesSound(plan);
  }

  @Test
  void anEventThatHasStartedKeepsItsDeadlines() {
    BuiltInPlanner late = new BuiltInPlanner(Clock.fixed(START.toInstant().plusSeconds(60), ZoneOffset.UTC));

    assertThat(late.plan(request("runway_show", SIZES.get(1))))
        .isEqualTo(planner.plan(request("runway_show", SIZES.get(1))));
  }

  @Test
  void anUnknownEventTypeIsRejected() {
    assertThatThrownBy(() -> planner.plan(request("garden_party", SIZES.get(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("garden_party");
    assertThatThrownBy(() -> planner.plan(request(null, SIZES.get(0))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- The template library ----

  @Test
  void templatesAreConsistent() {
    Map<String, TaskTemplate> templates = new HashMap<>();
    TaskLibrary.TEMPLATES.forEach(template -> assertThat(templates.put(template.key(), template))
        .as("duplicate key %s", template.key()).isNull());

    assertThat(TaskLibrary.TEMPLATES).allSatisfy(template -> {
      assertThat(template.key()).matches("[a-z0-9_]{1,50}");
      assertThat(template.phase()).isIn(PlannedTask.PHASES);
      assertThat(template.category()).isIn(PlannedTask.WORKFLOW_CATEGORIES);
      assertThat(template.priority()).isIn(PlannedTask.PRIORITIES);
      assertThat(template.hours()).isPositive();
      assertThat(template.eventTypes()).isNotEmpty().isSubsetOf(PlannedTask.EVENT_TYPES);
      assertThat(template.leadDays() < 0).as("%s: negative lead iff post_event", template.key())
          .isEqualTo(template.isPostEvent());
      assertThat(template.name().contains(TaskTemplate.WHO)).as("%s names whom it repeats for", template.key())
          .isEqualTo(template.scope() != Scope.ONCE);
      assertThat(template.optional() && template.priority().equals("critical"))
          .as("%s: a critical task is never optional", template.key()).isFalse();
      for (String key : template.after()) {
        assertOrdered(templates.get(key), template, template, key);
      }
      for (String key : template.before()) {
        assertOrdered(template, templates.get(key), template, key);
      }
    });
  }

  /**
   * {@code referrer} names {@code reference}; the named template must exist for every event type
   * the referrer does, and {@code first} must be due no later than {@code then}.
   */
  private static void assertOrdered(TaskTemplate first, TaskTemplate then, TaskTemplate referrer, String reference) {
    TaskTemplate referred = referrer == first ? then : first;
    assertThat(referred).as("%s refers to %s", referrer.key(), reference).isNotNull();
    assertThat(referred.eventTypes()).as("%s applies wherever %s does", reference, referrer.key())
        .containsAll(referrer.eventTypes());
    assertThat(first.leadDays()).as("%s is due before %s", first.key(), then.key())
        .isGreaterThanOrEqualTo(then.leadDays());
  }

  private static void assertDependenciesSound(List<PlannedTask> plan) {
    Map<String, PlannedTask> byKey = byKey(plan);
    for (PlannedTask task : plan) {
      assertThat(task.dependsOn()).as("dependencies of %s", task.key())
          .doesNotHaveDuplicates()
          .doesNotContain(task.key())
          .allSatisfy(key -> {
            assertThat(byKey).containsKey(key);
            assertThat(byKey.get(key).deadline()).as("%s due before %s", key, task.key())
                .isBeforeOrEqualTo(task.deadline());
          });
    }
    // Kahn's algorithm: every task can be ordered after its dependencies, so there is no cycle.
    Map<String, Integer> waitingOn = new HashMap<>();
    plan.forEach(task -> waitingOn.put(task.key(), task.dependsOn().size()));
    Deque<String> ready = new ArrayDeque<>();
    waitingOn.forEach((key, count) -> {
      if (count == 0) {
        ready.add(key);
      }
    });
    Set<String> ordered = new HashSet<>();
    while (!ready.isEmpty()) {
      String done = ready.poll();
      ordered.add(done);
      for (PlannedTask task : plan) {
        if (task.dependsOn().contains(done) && waitingOn.merge(task.key(), -1, Integer::sum) == 0) {
          ready.add(task.key());
        }
      }
    }
    assertThat(ordered).as("tasks not on a cycle").hasSize(plan.size());
  }

  @Test
  void deadlinesAreAtSixInTheEveningUnlessOnTheDay() {
    List<PlannedTask> plan = planner.plan(request("launch_party", SIZES.get(2), START.withHour(10), NEW_YORK));

    assertThat(plan).filteredOn(task -> !task.deadline().toLocalDate().equals(START.toLocalDate()))
        .allSatisfy(task -> assertThat(task.deadline().atZoneSameInstant(ZoneId.of(NEW_YORK)).toLocalTime())
            .isEqualTo(LocalTime.of(18, 0)));
  }
}
