package com.fashionos.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.tasks.task.OverdueSweeper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The task endpoints and their rules: dependencies, completion, progress, overdue, conflicts. */
@ExtendWith(TestEngines.class)
class TaskApiTest {
  static TasksStack stack;
  static User lead;
  static User marcus;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new TasksStack(engines);
    lead = stack.users.create("Sarah Chen");
    marcus = stack.users.create("Marcus Webb");
    stack.signIn(marcus);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static JsonObject put(String eventId, String taskId, JsonObject body) {
    Answer answer = stack.tasks.put("/api/v1/events/" + eventId + "/tasks/" + taskId).token(lead.token()).json(body).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  private static JsonObject find(String eventId, String taskId) {
    JsonArray tasks = stack.tasks.get("/api/v1/events/" + eventId + "/tasks").token(lead.token()).send().array("tasks");
    return tasks.stream().map(JsonObject.class::cast).filter(t -> t.getString("id").equals(taskId)).findFirst().orElseThrow();
  }

  @Test
  void theCreatorCanUseTasksOfANewEventAtOnce() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    Answer tasks = stack.tasks.get("/api/v1/events/" + eventId + "/tasks").token(lead.token()).send();
    assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
    assertThat(tasks.json().getLong("total")).isZero();
    stack.createTask(lead, eventId, TasksStack.task("Right away"));
  }

  @Test
  void completingATaskUnblocksItsDependentsAndMovesProgress() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    String venue = stack.createTask(lead, eventId, TasksStack.task("Sign venue contract"));
    String layout = stack.createTask(lead, eventId, TasksStack.task("Approve runway layout", venue));
    String seating = stack.createTask(lead, eventId, TasksStack.task("Seating plan", layout));
    assertThat(find(eventId, layout).getString("status")).isEqualTo("blocked");
    assertThat(find(eventId, seating).getString("status")).isEqualTo("blocked");

    JsonObject done = put(eventId, venue, new JsonObject().put("status", "done"));
    assertThat(done.getBoolean("success")).isTrue();
    assertThat(done.getInteger("event_progress_updated")).isEqualTo(33);
    assertThat(done.getJsonObject("task").getString("completed_at")).isNotNull();
    assertThat(find(eventId, layout).getString("status")).isEqualTo("to_do");
    assertThat(find(eventId, seating).getString("status")).isEqualTo("blocked");

    JsonObject reopened = put(eventId, venue, new JsonObject().put("status", "in_progress"));
    assertThat(reopened.getJsonObject("task").getString("completed_at")).isNull();
    assertThat(reopened.getInteger("event_progress_updated")).isZero();
    assertThat(find(eventId, layout).getString("status")).isEqualTo("blocked");
  }

  @Test
  void dependenciesMustStayInTheEventAndNeverFormACycle() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    String a = stack.createTask(lead, eventId, TasksStack.task("A"));
    String b = stack.createTask(lead, eventId, TasksStack.task("B", a));
    String c = stack.createTask(lead, eventId, TasksStack.task("C", b));
    Answer cycle = stack.tasks.put("/api/v1/events/" + eventId + "/tasks/" + a).token(lead.token())
        .json(new JsonObject().put("dependencies", new JsonArray().add(c))).send();
    assertThat(cycle.status()).isEqualTo(422);
    assertThat(cycle.errorCode()).isEqualTo("dependency_cycle");
    assertThat(cycle.json().getJsonObject("error").getString("message")).contains(a, b, c);

    String otherEvent = stack.createEvent(lead, "2027-07-01T14:00:00Z");
    String foreign = stack.createTask(lead, otherEvent, TasksStack.task("Elsewhere"));
    Answer crossEvent = stack.tasks.post("/api/v1/events/" + eventId + "/tasks").token(lead.token())
        .json(TasksStack.task("Bad", foreign)).send();
    assertThat(crossEvent.status()).isEqualTo(422);
    assertThat(crossEvent.errorFields()).containsExactly("dependencies[0]");
    Answer self = stack.tasks.put("/api/v1/events/" + eventId + "/tasks/" + a).token(lead.token())
        .json(new JsonObject().put("dependencies", new JsonArray().add(a))).send();
    assertThat(self.status()).isEqualTo(422);
  }

  @Test
  void criticalPathFollowsTheLongestChain() {
    String eventId = stack.createEvent(lead, Instant.now().plus(Duration.ofDays(30)).toString());
    String a = stack.createTask(lead, eventId, TasksStack.task("Long 1").put("estimated_hours", 40));
    String b = stack.createTask(lead, eventId, TasksStack.task("Long 2", a).put("estimated_hours", 40));
    String shortTask = stack.createTask(lead, eventId, TasksStack.task("Short").put("estimated_hours", 4));
    assertThat(find(eventId, a).getBoolean("is_critical_path")).isTrue();
    assertThat(find(eventId, b).getBoolean("is_critical_path")).isTrue();
    assertThat(find(eventId, shortTask).getBoolean("is_critical_path")).isFalse();
    assertThat(find(eventId, shortTask).getInteger("slack_hours")).isGreaterThan(find(eventId, a).getInteger("slack_hours"));
    put(eventId, shortTask, new JsonObject().put("estimated_hours", 200));
    assertThat(find(eventId, shortTask).getBoolean("is_critical_path")).isTrue();
    assertThat(find(eventId, a).getBoolean("is_critical_path")).isFalse();
  }

  @Test
  void overdueFollowsTheDeadlineAndCompletion() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    String late = stack.createTask(lead, eventId, TasksStack.task("Late").put("deadline", "2020-01-01T00:00:00Z"));
    assertThat(find(eventId, late).getBoolean("overdue")).isTrue();
    assertThat(stack.tasks.get("/api/v1/events/" + eventId + "/tasks?status=overdue").token(lead.token()).send()
        .json().getLong("total")).isEqualTo(1);
    put(eventId, late, new JsonObject().put("deadline", "2030-01-01T00:00:00Z"));
    assertThat(find(eventId, late).getBoolean("overdue")).isFalse();
    put(eventId, late, new JsonObject().put("deadline", "2020-01-01T00:00:00Z"));
    put(eventId, late, new JsonObject().put("status", "done"));
    assertThat(find(eventId, late).getBoolean("overdue")).isFalse();
  }

  @Test
  void theSweeperTurnsATaskOverdueWhenItsDeadlinePasses() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    String soon = stack.createTask(lead, eventId, TasksStack.task("Due in a moment")
        .put("deadline", Instant.now().plusSeconds(2).toString()));
    assertThat(find(eventId, soon).getBoolean("overdue")).isFalse();
    Eventually.eventually("the task overdue", () -> find(eventId, soon), task -> task.getBoolean("overdue"));
  }

  @Test
  void theOverdueSweepReadsOnlyThroughIndexes() {
    String plan = stack.planWithoutSeqScans(NamedStatements.forResource(OverdueSweeper.class, "TaskRepository.sql").get("overdue_due"));
    assertThat(plan).as(plan).doesNotContain("Seq Scan").contains("event_tasks_open_deadline_idx")
        .contains("event_tasks_overdue_deadline_idx");
  }

  @Test
  void anOlderOfflineStatusChangeDoesNotOverwriteANewerOne() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    Instant created = Instant.now().minusSeconds(7200);
    String id = stack.tasks.post("/api/v1/events/" + eventId + "/tasks").token(lead.token())
        .header("X-Client-Timestamp", created.toString()).json(TasksStack.task("Fittings")).send()
        .json().getString("task_id");
    stack.tasks.put("/api/v1/events/" + eventId + "/tasks/" + id).token(lead.token())
        .header("X-Client-Timestamp", created.plusSeconds(3600).toString())
        .json(new JsonObject().put("status", "done")).send();
    Answer stale = stack.tasks.put("/api/v1/events/" + eventId + "/tasks/" + id).token(lead.token())
        .header("X-Client-Timestamp", created.plusSeconds(600).toString())
        .json(new JsonObject().put("status", "in_progress").put("priority", "low")).send();
    assertThat(stale.json().getJsonArray("superseded_fields")).containsExactly("status");
    assertThat(stale.json().getJsonArray("updated_fields")).containsExactly("priority");
    assertThat(find(eventId, id).getString("status")).isEqualTo("done");
  }

  @Test
  void oneTaskCanBeReadAloneAndTheListPaged() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    String other = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(stack.createTask(lead, eventId, TasksStack.task("Task " + i).put("deadline", "2027-05-0" + i + "T10:00:00Z")));
    }

    Answer one = stack.tasks.get("/api/v1/events/" + eventId + "/tasks/" + ids.get(2)).token(lead.token()).send();
    assertThat(one.status()).as(one.toString()).isEqualTo(200);
    JsonObject listed = find(eventId, ids.get(2));
    assertThat(one.json().getJsonObject("task").fieldNames()).isEqualTo(listed.fieldNames());
    assertThat(one.json().getJsonObject("task").getString("name")).isEqualTo("Task 3");
    assertThat(stack.tasks.get("/api/v1/events/" + other + "/tasks/" + ids.get(2)).token(lead.token()).send().status())
        .as("a task is read through its own event").isEqualTo(404);

    Answer page = stack.tasks.get("/api/v1/events/" + eventId + "/tasks?page=2&limit=2").token(lead.token()).send();
    assertThat(page.json().getLong("total")).isEqualTo(5);
    assertThat(page.json().getInteger("pages")).isEqualTo(3);
    assertThat(page.array("tasks").stream().map(t -> ((JsonObject) t).getString("id")))
        .containsExactly(ids.get(2), ids.get(3));
    Answer past = stack.tasks.get("/api/v1/events/" + eventId + "/tasks?page=9&limit=2").token(lead.token()).send();
    assertThat(past.array("tasks")).isEmpty();
    assertThat(past.json().getLong("total")).isEqualTo(5);
    Answer all = stack.tasks.get("/api/v1/events/" + eventId + "/tasks").token(lead.token()).send();
    assertThat(all.array("tasks")).as("no paging asked for: every task").hasSize(5);
    assertThat(all.json().containsKey("pages")).isFalse();

    Answer typo = stack.tasks.get("/api/v1/events/" + eventId + "/tasks?asignee_id=" + marcus.id()).token(lead.token()).send();
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.errorFields()).first().isEqualTo("asignee_id");
  }

  @Test
  void resendingAnUnchangedFieldDoesNotReportIt() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    String id = stack.createTask(lead, eventId, TasksStack.task("Steam garments").put("priority", "high"));
    JsonObject answer = put(eventId, id, new JsonObject().put("priority", "high").put("name", "Steam all garments"));
    assertThat(answer.getJsonArray("updated_fields")).containsExactly("name");
  }

  @Test
  void deleteCancelsAndCancelledTasksDoNotCount() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    String a = stack.createTask(lead, eventId, TasksStack.task("Keep"));
    String b = stack.createTask(lead, eventId, TasksStack.task("Drop"));
    put(eventId, a, new JsonObject().put("status", "done"));
    Answer cancelled = stack.tasks.delete("/api/v1/events/" + eventId + "/tasks/" + b).token(lead.token()).send();
    assertThat(cancelled.json().getJsonObject("task").getString("status")).isEqualTo("cancelled");
    assertThat(cancelled.json().getInteger("event_progress_updated")).isEqualTo(100);
  }

  @Test
  void assignedTasksShowWithNamesAndInMyTasks() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z", TasksStack.member(marcus, "production_manager", "edit"));
    String id = stack.createTask(lead, eventId, TasksStack.task("Lighting plot").put("assignee_id", marcus.id().toString()));
    JsonObject assignee = find(eventId, id).getJsonObject("assignee");
    assertThat(assignee.getString("name")).isEqualTo("Marcus Webb");
    JsonArray mine = stack.tasks.get("/api/v1/me/tasks").token(marcus.token()).send().array("tasks");
    assertThat(mine.stream().map(t -> ((JsonObject) t).getString("id"))).contains(id);
    assertThat(stack.tasks.get("/api/v1/events/" + eventId + "/tasks?assignee_id=" + marcus.id()).token(lead.token())
        .send().json().getLong("total")).isEqualTo(1);
  }

  @Test
  void theEventDetailShowsProgressAndTheTaskSummary() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    String a = stack.createTask(lead, eventId, TasksStack.task("One"));
    stack.createTask(lead, eventId, TasksStack.task("Two").put("phase", "post_event"));
    put(eventId, a, new JsonObject().put("status", "done"));
    JsonObject event = Eventually.eventually("the event's progress at 50",
        () -> stack.events.get("/api/v1/events/" + eventId).token(lead.token()).send().json().getJsonObject("event"),
        detail -> detail.getInteger("progress") == 50);
    JsonObject summary = event.getJsonObject("tasks_summary");
    assertThat(summary.getInteger("total")).isEqualTo(2);
    assertThat(summary.getInteger("done")).isEqualTo(1);
    assertThat(summary.getJsonObject("by_phase").getJsonObject("pre_production"))
        .isEqualTo(new JsonObject().put("total", 1).put("done", 1));
    assertThat(summary.getJsonObject("by_phase").getJsonObject("post_event"))
        .isEqualTo(new JsonObject().put("total", 1).put("done", 0));
    JsonObject listed = stack.events.get("/api/v1/events?q=Task").token(lead.token()).send().array("events").stream()
        .map(JsonObject.class::cast).filter(e -> e.getString("id").equals(eventId)).findFirst().orElseThrow();
    assertThat(listed.getInteger("progress")).isEqualTo(50);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"phase\":\"pre_production\",\"deadline\":\"2027-01-01T00:00:00Z\"}|name",
      "{\"name\":\"x\",\"phase\":\"planning\",\"deadline\":\"2027-01-01T00:00:00Z\"}|phase",
      "{\"name\":\"x\",\"phase\":\"pre_production\"}|deadline",
      "{\"name\":\"x\",\"phase\":\"pre_production\",\"deadline\":\"soon\"}|deadline",
      "{\"name\":\"x\",\"phase\":\"pre_production\",\"deadline\":\"2027-01-01T00:00:00Z\",\"priority\":\"urgent\"}|priority",
      "{\"name\":\"x\",\"phase\":\"pre_production\",\"deadline\":\"2027-01-01T00:00:00Z\",\"dependencies\":[\"x\"]}|dependencies[0]",
      "{\"name\":\"x\",\"phase\":\"pre_production\",\"deadline\":\"2027-01-01T00:00:00Z\",\"estimated_hours\":-1}|estimated_hours",
      "{\"name\":\"x\",\"phase\":\"pre_production\",\"deadline\":\"2027-01-01T00:00:00Z\",\"status\":\"done\"}|status"})
  void badNewTasksAre400NamingTheField(String body, String field) {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    Answer answer = stack.tasks.post("/api/v1/events/" + eventId + "/tasks").token(lead.token()).raw(body).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.errorFields()).contains(field);
  }

  @Test
  void badUpdatesAre400() {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    String id = stack.createTask(lead, eventId, TasksStack.task("Target"));
    String path = "/api/v1/events/" + eventId + "/tasks/" + id;
    assertThat(stack.tasks.put(path).token(lead.token()).json(new JsonObject().put("status", "overdue")).send()
        .errorFields()).containsExactly("status");
    assertThat(stack.tasks.put(path).token(lead.token()).json(new JsonObject()).send().status()).isEqualTo(400);
    assertThat(stack.tasks.put(path).token(lead.token()).raw("{\"status\":").send().status()).isEqualTo(400);
    assertThat(stack.tasks.put("/api/v1/events/" + eventId + "/tasks/nope").token(lead.token())
        .json(new JsonObject().put("status", "done")).send().errorFields()).containsExactly("taskId");
    assertThat(stack.tasks.put("/api/v1/events/" + eventId + "/tasks/" + UUID.randomUUID()).token(lead.token())
        .json(new JsonObject().put("status", "done")).send().status()).isEqualTo(404);
    assertThat(stack.tasks.get("/api/v1/events/" + eventId + "/tasks?status=late").token(lead.token()).send()
        .status()).isEqualTo(400);
  }
}
