package com.fashionos.aitasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Gemini path through the real google-genai SDK, against a local fake Gemini server. */
class GeminiPlannerTest {
  private static final String MODEL = "gemini-test-model";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private FakeGemini gemini;
  private final List<GeminiPlanner> planners = new ArrayList<>();

  @BeforeEach
  void startFakeGemini() throws IOException {
    gemini = new FakeGemini();
  }

  @AfterEach
  void stop() {
    planners.forEach(GeminiPlanner::close);
    gemini.close();
  }

  private GeminiPlanner planner(Duration timeout, int maxAttempts) {
    // A short backoff keeps the retry tests fast; the schedule itself is the same.
    GeminiPlanner planner = new GeminiPlanner(
        new GeminiConfig("test-api-key", MODEL, gemini.baseUrl(), timeout, maxAttempts), Duration.ofMillis(20));
    planners.add(planner);
    return planner;
  }

  @Test
  void validAnswerBecomesThePlanAndTheRequestCarriesModelSchemaAndMimeType() {
    gemini.reply(FakeGemini.answer(TestPlans.answer(100).toString()));

    List<PlannedTask> plan = planner(TIMEOUT, 3).plan(TestPlans.request());

    assertThat(plan).hasSize(100);
    PlannedTask second = plan.get(1);
    assertThat(second).isEqualTo(new PlannedTask("task_002", "Task 2", "Description of task 2.", "creative_design",
        "marketing", "medium", TestPlans.deadline(2, "creative_design"), 3, List.of("task_001")));
    assertThat(plan.get(0).dependsOn()).isEmpty();

    assertThat(gemini.requests()).hasSize(1);
    FakeGemini.Recorded request = gemini.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    // google-genai 2.0.0 calls the stable v1 API of the Gemini Developer API unless
    // GOOGLE_GENAI_API_VERSION says otherwise.
    assertThat(request.path()).isEqualTo("/v1/models/" + MODEL + ":generateContent");
    assertThat(request.apiKey()).isEqualTo("test-api-key");
    JsonNode body = request.body();
    assertThat(body.at("/contents/0/parts/0/text").asText()).contains("Atelier Noir SS27", "runway show",
        "2026-09-10T19:00+02:00", "Designers: 3", "Sponsors: 4", "Target attendees: 350");
    assertThat(body.at("/systemInstruction/parts/0/text").asText()).contains("Between 80 and 150 tasks");
    JsonNode generation = body.get("generationConfig");
    assertThat(generation.get("responseMimeType").asText()).isEqualTo("application/json");
    JsonNode tasks = generation.at("/responseSchema/properties/tasks");
    assertThat(tasks.get("type").asText()).isEqualTo("ARRAY");
    assertThat(tasks.get("minItems").asInt()).isEqualTo(80);
    assertThat(tasks.get("maxItems").asInt()).isEqualTo(150);
    JsonNode task = tasks.get("items");
    assertThat(task.get("required")).extracting(JsonNode::asText).containsExactly("key", "name", "description",
        "phase", "workflow_category", "priority", "deadline", "estimated_hours", "depends_on");
    assertThat(task.at("/properties/phase/enum")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(PlannedTask.PHASES);
    assertThat(task.at("/properties/workflow_category/enum")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(PlannedTask.WORKFLOW_CATEGORIES);
    assertThat(task.at("/properties/priority/enum")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(PlannedTask.PRIORITIES);
    assertThat(task.at("/properties/estimated_hours/type").asText()).isEqualTo("INTEGER");
    assertThat(task.at("/properties/depends_on/items/type").asText()).isEqualTo("STRING");
  }

  @Test
  void malformedJsonIsRejectedWithoutRetrying() {
    String truncated = TestPlans.answer(100).toString().substring(0, 5000);
    gemini.reply(FakeGemini.answer(truncated));

    assertThatThrownBy(() -> planner(TIMEOUT, 3).plan(TestPlans.request()))
        .isInstanceOf(PlanRejectedException.class).hasMessageContaining("not valid JSON");
    assertThat(gemini.requests()).hasSize(1);
  }

  @Test
  void answerBlockedForSafetyIsRejected() {
    gemini.reply(new FakeGemini.Reply(200, "{\"candidates\":[{\"finishReason\":\"SAFETY\"}]}", 0));

    assertThatThrownBy(() -> planner(TIMEOUT, 3).plan(TestPlans.request()))
        .isInstanceOf(PlanRejectedException.class).hasMessageContaining("SAFETY");
  }

  @Test
  void enumsInAnotherSpellingAreRepaired() {
    ObjectNode answer = TestPlans.answer(90);
    ObjectNode first = (ObjectNode) answer.get("tasks").get(0);
    first.put("phase", "Post Event").put("workflow_category", "EVENT-PLANNING").put("priority", " High ");
    gemini.reply(FakeGemini.answer(answer.toString()));

    List<PlannedTask> plan = planner(TIMEOUT, 3).plan(TestPlans.request());

    assertThat(plan).hasSize(90);
    assertThat(plan.get(0)).extracting(PlannedTask::phase, PlannedTask::workflowCategory, PlannedTask::priority)
        .containsExactly("post_event", "event_planning", "high");
  }

  @Test
  void tasksWithUnknownEnumsAreDroppedAndTooFewLeftIsRejected() {
    ObjectNode answer = TestPlans.answer(100);
    for (int i = 0; i < 30; i++) {
      ((ObjectNode) answer.get("tasks").get(i)).put("phase", "backstage");
    }
    gemini.reply(FakeGemini.answer(answer.toString()));

    assertThatThrownBy(() -> planner(TIMEOUT, 3).plan(TestPlans.request()))
        .isInstanceOf(PlanRejectedException.class).hasMessageContaining("only 70 usable tasks")
        .hasMessageContaining("phase 'backstage' is not one of");
  }

  @Test
  void tooFewTasksAreRejected() {
    gemini.reply(FakeGemini.answer(TestPlans.answer(50).toString()));

    assertThatThrownBy(() -> planner(TIMEOUT, 3).plan(TestPlans.request()))
        .isInstanceOf(PlanRejectedException.class).hasMessageContaining("only 50 usable tasks");
  }

  @Test
  void slowServerTimesOutOnEveryAttempt() {
    gemini.reply(FakeGemini.slow(FakeGemini.answer(TestPlans.answer(100).toString()), 3_000));
    long started = System.nanoTime();

    assertThatThrownBy(() -> planner(Duration.ofMillis(300), 2).plan(TestPlans.request()))
        .isInstanceOfSatisfying(GeminiUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(2))
        .hasMessageContaining("timeout");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    assertThat(gemini.requests()).hasSize(2);
  }

  @Test
  void timeoutThenAnswerSucceedsOnTheRetry() {
    gemini.reply(FakeGemini.slow(FakeGemini.error(503, "UNAVAILABLE"), 3_000),
        FakeGemini.answer(TestPlans.answer(100).toString()));

    assertThat(planner(Duration.ofMillis(300), 3).plan(TestPlans.request())).hasSize(100);
    assertThat(gemini.requests()).hasSize(2);
  }

  @Test
  void tooManyRequestsThenAnswerIsRetriedToSuccess() {
    gemini.reply(FakeGemini.error(429, "RESOURCE_EXHAUSTED"), FakeGemini.answer(TestPlans.answer(100).toString()));

    assertThat(planner(TIMEOUT, 3).plan(TestPlans.request())).hasSize(100);
    assertThat(gemini.requests()).hasSize(2);
  }

  @Test
  void serverErrorEveryTimeFailsAfterMaxAttempts() {
    gemini.reply(FakeGemini.error(500, "INTERNAL"));

    assertThatThrownBy(() -> planner(TIMEOUT, 3).plan(TestPlans.request()))
        .isInstanceOfSatisfying(GeminiUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(3))
        .hasMessageContaining("500");
    assertThat(gemini.requests()).hasSize(3);
  }

  @Test
  void clientErrorIsNotRetried() {
    gemini.reply(FakeGemini.error(400, "INVALID_ARGUMENT"));

    assertThatThrownBy(() -> planner(TIMEOUT, 3).plan(TestPlans.request()))
        .isInstanceOfSatisfying(GeminiUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(1))
        .hasMessageContaining("400");
    assertThat(gemini.requests()).hasSize(1);
  }

  @Test
  void persistentFailureFallsBackToTheOtherPlanner() {
    gemini.reply(FakeGemini.error(429, "RESOURCE_EXHAUSTED"));
    List<PlannedTask> builtIn = List.of(new PlannedTask("built_in", "Built-in task", "", "pre_production",
        "event_planning", "high", OffsetDateTime.parse("2026-09-01T10:00:00+02:00"), 2, List.of()));
    FallbackPlanner planner = new FallbackPlanner(planner(TIMEOUT, 2), request -> builtIn);

    FallbackPlanner.Result result = planner.planWithSource(TestPlans.request());

    assertThat(result.source()).isEqualTo(FallbackPlanner.Source.FALLBACK);
    assertThat(result.tasks()).isEqualTo(builtIn);
    assertThat(result.fallbackReason()).contains("GeminiUnavailableException", "429");
    assertThat(gemini.requests()).hasSize(2);
  }
}
