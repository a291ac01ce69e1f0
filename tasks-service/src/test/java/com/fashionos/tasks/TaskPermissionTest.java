package com.fashionos.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix for tasks, cell by cell (docs/permissions.md): team members read;
 * editors (lead, admin, edit) create and change any task; an assignee changes the status and
 * actual hours of their own task; view_only only reads; outsiders get 404.
 */
@ExtendWith(TestEngines.class)
class TaskPermissionTest {
  static TasksStack stack;
  static User lead;
  static User admin;
  static User editor;
  static User viewer;
  static User assignee;
  static User outsider;
  static String eventId;
  static String assignedTask;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new TasksStack(engines);
    lead = stack.users.create("Lead");
    admin = stack.users.create("Admin");
    editor = stack.users.create("Editor");
    viewer = stack.users.create("Viewer");
    assignee = stack.users.create("Assignee");
    outsider = stack.users.create("Outsider");
    Stream.of(admin, editor, viewer, assignee, outsider).forEach(stack::signIn);
    eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z",
        TasksStack.member(admin, "production_manager", "admin"), TasksStack.member(editor, "marketing_lead", "edit"),
        TasksStack.member(viewer, "custom", "view_only"), TasksStack.member(assignee, "casting_director", "view_only"));
    stack.signIn(outsider);
    assignedTask = stack.createTask(lead, eventId, TasksStack.task("Assigned").put("assignee_id", assignee.id().toString()));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static User who(String subject) {
    return switch (subject) {
      case "lead" -> lead;
      case "admin" -> admin;
      case "edit" -> editor;
      case "view_only" -> viewer;
      case "assignee" -> assignee;
      default -> outsider;
    };
  }

  static Stream<Arguments> matrix() {
    return Stream.of(
        Arguments.of("lead", "list", 200), Arguments.of("admin", "list", 200), Arguments.of("edit", "list", 200),
        Arguments.of("view_only", "list", 200), Arguments.of("assignee", "list", 200), Arguments.of("outsider", "list", 404),
        Arguments.of("lead", "create", 201), Arguments.of("admin", "create", 201), Arguments.of("edit", "create", 201),
        Arguments.of("view_only", "create", 403), Arguments.of("assignee", "create", 403),
        Arguments.of("outsider", "create", 404),
        Arguments.of("lead", "rename", 200), Arguments.of("admin", "rename", 200), Arguments.of("edit", "rename", 200),
        Arguments.of("view_only", "rename", 403), Arguments.of("assignee", "rename", 403),
        Arguments.of("outsider", "rename", 404),
        Arguments.of("lead", "complete", 200), Arguments.of("edit", "complete", 200),
        Arguments.of("view_only", "complete", 403), Arguments.of("assignee", "complete", 200),
        Arguments.of("outsider", "complete", 404),
        Arguments.of("assignee", "log hours", 200), Arguments.of("view_only", "log hours", 403),
        Arguments.of("assignee", "reassign", 403), Arguments.of("edit", "reassign", 200),
        Arguments.of("lead", "cancel", 200), Arguments.of("view_only", "cancel", 403), Arguments.of("outsider", "cancel", 404));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("matrix")
  void cell(String subject, String action, int expected) {
    User user = who(subject);
    String tasks = "/api/v1/events/" + eventId + "/tasks";
    String target = stack.createTask(lead, eventId, TasksStack.task("Target " + action)
        .put("assignee_id", assignee.id().toString()));
    String before = stack.sql("SELECT to_jsonb(t.*)::text AS row FROM event_tasks t WHERE id = $1", UUID.fromString(target))
        .get(0).getString("row");
    Answer answer = switch (action) {
      case "list" -> stack.tasks.get(tasks).token(user.token()).send();
      case "create" -> stack.tasks.post(tasks).token(user.token()).json(TasksStack.task("New by " + subject)).send();
      case "rename" -> stack.tasks.put(tasks + "/" + target).token(user.token()).json(new JsonObject().put("name", "Renamed")).send();
      case "complete" -> stack.tasks.put(tasks + "/" + target).token(user.token()).json(new JsonObject().put("status", "done")).send();
      case "log hours" -> stack.tasks.put(tasks + "/" + target).token(user.token()).json(new JsonObject().put("actual_hours", 5)).send();
      case "reassign" -> stack.tasks.put(tasks + "/" + target).token(user.token())
          .json(new JsonObject().put("assignee_id", editor.id().toString())).send();
      case "cancel" -> stack.tasks.delete(tasks + "/" + target).token(user.token()).send();
      default -> throw new IllegalArgumentException(action);
    };
    assertThat(answer.status()).as(answer.toString()).isEqualTo(expected);
    String after = stack.sql("SELECT to_jsonb(t.*)::text AS row FROM event_tasks t WHERE id = $1", UUID.fromString(target))
        .get(0).getString("row");
    if (expected >= 400 || action.equals("list")) assertThat(after).as("a refused call changes nothing").isEqualTo(before);
    else if (!action.equals("create")) assertThat(after).as("an allowed change is stored").isNotEqualTo(before);
  }

  @Test
  void rowLevelSecurityHidesTasksFromOutsidersEvenInSql() {
    String count = "SELECT count(*) AS n FROM event_tasks WHERE event_id = $1";
    assertThat(stack.sqlAs(outsider.id(), count, UUID.fromString(eventId)).get(0).getLong("n")).isZero();
    assertThat(stack.sqlAs(viewer.id(), count, UUID.fromString(eventId)).get(0).getLong("n")).isPositive();
    String rename = "UPDATE event_tasks SET name = 'sneaky' WHERE id = $1";
    assertThat(stack.sqlAs(viewer.id(), rename + " RETURNING id", UUID.fromString(assignedTask))).isEmpty();
    assertThat(stack.sql("SELECT name FROM event_tasks WHERE id = $1", UUID.fromString(assignedTask)).get(0)
        .getString("name")).isEqualTo("Assigned");
  }

  @Test
  void anAssigneeWhoIsNoEditorCannotRenameTheirTaskEvenInSql() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stack.sqlAs(assignee.id(),
            "UPDATE event_tasks SET name = 'mine now' WHERE id = $1", UUID.fromString(assignedTask)))
        .hasMessageContaining("only the status and actual hours");
  }
}
