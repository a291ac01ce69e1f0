package com.fashionos.tasks;

import com.fashionos.embedded.Fuzz;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fuzz suite over tasks-service's mutating endpoints (create and change a task): hostile
 * bodies and paths get a 4xx JSON error naming the field, never a 5xx, within the bound, and
 * change no task (see {@link Fuzz}).
 */
@ExtendWith(TestEngines.class)
class TasksFuzzTest {
  static TasksStack stack;
  static User lead;
  static String eventId;
  static String taskId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new TasksStack(engines);
    lead = stack.users.create("Sarah Chen");
    eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    taskId = stack.createTask(lead, eventId, TasksStack.task("Book the venue"));
  }

  @AfterAll
  static void stop() {
    Fuzz.summary();
    stack.close();
  }

  private static String state() {
    return stack.sql("SELECT coalesce(jsonb_agg(to_jsonb(t.*) ORDER BY t.id), '[]')::text AS state FROM event_tasks t"
        + " WHERE t.event_id = $1::uuid", eventId).get(0).getString("state");
  }

  private static void fuzz(String name, String method, String template, JsonObject valid) {
    Arbitrary<Fuzz.Attack> attacks = Fuzz.endpointAttacks(template, Map.of("eventId", eventId, "taskId", taskId), valid,
        Set.of());
    Fuzz.run(name, stack.tasks.baseUrl(), method, lead.token(), attacks, TasksFuzzTest::state, Fuzz.TRIES);
  }

  @Test
  void creatingATask() {
    JsonObject valid = TasksStack.task("Fitting").put("description", "First fitting").put("assignee_id", lead.id().toString())
        .put("dependencies", new JsonArray().add(taskId));
    fuzz("POST /tasks", "POST", "/api/v1/events/{eventId}/tasks", valid);
  }

  @Test
  void changingATask() {
    JsonObject valid = new JsonObject().put("name", "Book the hall").put("description", "Changed").put("status", "in_progress")
        .put("priority", "low").put("phase", "pre_production").put("estimated_hours", 5).put("actual_hours", 2)
        .put("deadline", "2027-05-02T10:00:00Z").put("assignee_id", lead.id().toString());
    fuzz("PUT /tasks/{taskId}", "PUT", "/api/v1/events/{eventId}/tasks/{taskId}", valid);
  }
}
