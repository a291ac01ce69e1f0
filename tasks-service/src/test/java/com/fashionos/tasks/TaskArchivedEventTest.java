package com.fashionos.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An archived event is read-only: every change to its tasks answers 409 {@code event_archived}
 * and writes nothing, reads still work, and after a restore the same changes go through again.
 * The event is archived through events-service; tasks-service learns it from the change record.
 */
@ExtendWith(TestEngines.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TaskArchivedEventTest {
  private static TasksStack stack;
  private static User lead;
  private static User editor;
  private static User outsider;
  private static String eventId;
  private static String taskId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new TasksStack(engines);
    lead = stack.users.create("Lead");
    editor = stack.users.create("Editor");
    outsider = stack.users.create("Outsider");
    stack.signIn(editor);
    stack.signIn(outsider);
    eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z", TasksStack.member(editor, "marketing_lead", "edit"));
    taskId = stack.createTask(lead, eventId, TasksStack.task("Book the venue"));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** Every change a member can make to the event's tasks, by who makes it. */
  private static Map<String, Supplier<Answer>> changes(User user) {
    String tasks = "/api/v1/events/" + eventId + "/tasks";
    return Map.of(
        "create", () -> stack.tasks.post(tasks).token(user.token()).json(TasksStack.task("Late addition")).send(),
        "rename", () -> stack.tasks.put(tasks + "/" + taskId).token(user.token()).json(new JsonObject().put("name", "Renamed")).send(),
        "complete", () -> stack.tasks.put(tasks + "/" + taskId).token(user.token()).json(new JsonObject().put("status", "done")).send(),
        "cancel", () -> stack.tasks.delete(tasks + "/" + taskId).token(user.token()).send());
  }

  @Test
  void anArchivedEventsTasksAreReadOnlyUntilItIsRestored() {
    setArchived(true);
    String before = snapshot();
    for (User user : new User[] {lead, editor}) {
      changes(user).forEach((action, call) -> {
        Answer answer = call.get();
        assertThat(answer.status()).as(action + ": " + answer).isEqualTo(409);
        assertThat(answer.errorCode()).as(action).isEqualTo("event_archived");
      });
    }
    assertThat(snapshot()).as("nothing was written").isEqualTo(before);
    Answer list = stack.tasks.get("/api/v1/events/" + eventId + "/tasks").token(editor.token()).send();
    assertThat(list.status()).as("reads stay allowed: " + list).isEqualTo(200);
    // Someone off the team learns nothing about the event, archived or not.
    assertThat(changes(outsider).get("create").get().status()).isEqualTo(404);

    setArchived(false);
    assertThat(changes(editor).get("create").get().status()).isEqualTo(201);
    assertThat(changes(editor).get("rename").get().status()).isEqualTo(200);
    assertThat(changes(lead).get("cancel").get().status()).isEqualTo(200);
    assertThat(snapshot()).as("the changes after the restore are stored").isNotEqualTo(before);
  }

  /** Archives or restores the event through events-service and waits until tasks-service knows. */
  private static void setArchived(boolean archived) {
    String path = "/api/v1/events/" + eventId;
    Answer answer = archived ? stack.events.delete(path).token(lead.token()).send()
        : stack.events.post(path + "/restore").token(lead.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    Eventually.eventually("tasks-service's read model to see the event " + (archived ? "archived" : "restored"),
        () -> stack.sql("SELECT status FROM events WHERE id = $1", UUID.fromString(eventId)).get(0).getString("status"),
        status -> archived == status.equals("archived"));
  }

  private static String snapshot() {
    return stack.sql("SELECT coalesce(jsonb_agg(to_jsonb(t.*) ORDER BY t.id), '[]')::text AS tasks FROM event_tasks t"
        + " WHERE t.event_id = $1", UUID.fromString(eventId)).get(0).getString("tasks");
  }
}
