package com.fashionos.tasks;

import static com.fashionos.embedded.Eventually.eventually;
import static com.fashionos.embedded.PoisonRecords.eventRow;
import static com.fashionos.embedded.PoisonRecords.parked;
import static com.fashionos.embedded.PoisonRecords.parkedCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.PoisonRecords;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.TaskBatch;
import com.fashionos.platform.change.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * tasks-service's consumers park a record they cannot apply and keep serving: the membership
 * read model past an event whose start date is {@code infinity} (what events-service once stored
 * for year 300000), the task batches past a task its table refuses and past garbage. An operator
 * lists the parked record and its replay answers why it still fails.
 */
@ExtendWith(TestEngines.class)
class TasksPoisonRecordTest {
  private static final String READ_MODEL = "tasks-service.events-read-model";
  private static final String BATCHES = "tasks-service.task-batches";
  private static TasksStack stack;
  private static User lead;
  private static PoisonRecords topics;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new TasksStack(engines);
    lead = stack.users.create("Sarah Chen");
    stack.signIn(lead);
    topics = new PoisonRecords(stack.kafka);
  }

  @AfterAll
  static void stop() {
    topics.close();
    stack.close();
  }

  @Test
  void theMembershipReadModelParksAnEventStartingAtInfinityAndLearnsTheNextChange() {
    double parkedBefore = parkedCount(stack.vertx, READ_MODEL);
    UUID eventId = UUID.randomUUID();
    ChangeRecord poison = topics.publish(Topics.EVENTS, eventRow(eventId, lead.id(), "infinity"));
    topics.publish(Topics.EVENTS, eventRow(eventId, lead.id(), "2027-06-15T14:00:00Z"));

    eventually("the change after the poison applied", () -> assertThat(stack.sql(
        "SELECT start_date::text AS start FROM events WHERE id = $1", eventId)).singleElement()
        .satisfies(row -> assertThat(row.getString("start")).startsWith("2027-06-15")));
    JsonObject parked = parked(stack.tasks, READ_MODEL, poison.id());
    assertThat(parked.getString("error")).contains("infinity");
    assertThat(parked.getInteger("attempts")).isGreaterThan(1);
    eventually("the parked record counted", () -> assertThat(parkedCount(stack.vertx, READ_MODEL)).isEqualTo(parkedBefore + 1));

    TestApi.Answer replay = stack.tasks.post("/admin/parked-records/" + parked.getLong("id") + "/replay").send();
    assertThat(replay.status()).as(replay.toString()).isEqualTo(422);
    assertThat(replay.errorCode()).isEqualTo("replay_failed");
    assertThat(replay.json().getJsonObject("error").getString("message")).contains("infinity");
  }

  @Test
  void theTaskBatchesParkABatchTheTableRefusesAndApplyTheNextBatch() {
    double parkedBefore = parkedCount(stack.vertx, BATCHES);
    UUID eventId = UUID.fromString(stack.createEvent(lead, "2027-06-15T14:00:00Z"));
    ChangeRecord poison = topics.publish(Topics.TASK_BATCHES, batch(eventId, "too long", 20_000));
    topics.publish(Topics.TASK_BATCHES, batch(eventId, "fitting", 4));

    eventually("the batch after the poison applied", () -> assertThat(stack.sql(
        "SELECT name FROM event_tasks WHERE event_id = $1", eventId)).singleElement()
        .satisfies(row -> assertThat(row.getString("name")).isEqualTo("fitting")));
    assertThat(parked(stack.tasks, BATCHES, poison.id()).getString("error")).contains("23514");
    eventually("the parked record counted", () -> assertThat(parkedCount(stack.vertx, BATCHES)).isEqualTo(parkedBefore + 1));
  }

  @Test
  void garbageOnTheTaskBatchesTopicIsParkedNotSkipped() {
    UUID eventId = UUID.fromString(stack.createEvent(lead, "2027-06-15T14:00:00Z"));
    topics.send(Topics.TASK_BATCHES, eventId.toString(), "{garbage");
    topics.publish(Topics.TASK_BATCHES, batch(eventId, "after garbage", 2));

    eventually("the batch after the garbage applied", () -> assertThat(stack.sql(
        "SELECT name FROM event_tasks WHERE event_id = $1", eventId)).hasSize(1));
    assertThat(stack.sql("SELECT error FROM parked_records WHERE consumer = $1 AND record_key = convert_to($2, 'UTF8')",
        BATCHES, eventId.toString())).singleElement()
        .satisfies(row -> assertThat(row.getString("error")).startsWith("not a FashionOS CloudEvent"));
  }

  /** A one-task batch as ai-tasks-worker publishes it. */
  private static ChangeRecord batch(UUID eventId, String name, int estimatedHours) {
    JsonArray tasks = new JsonArray().add(new JsonObject().put("id", TaskBatch.taskId(eventId, name).toString())
        .put("name", name).put("description", "generated").put("phase", "pre_production")
        .put("workflow_category", "operations").put("priority", "medium").put("deadline", "2027-05-01T18:00:00Z")
        .put("estimated_hours", estimatedHours).put("dependencies", new JsonArray()));
    return ChangeRecord.of("/fashionos/ai-tasks-worker", TaskBatch.TYPE, null, eventId,
        new TaskBatch(eventId, UUID.randomUUID(), 1, 1, 1, "built_in", tasks).toJson());
  }
}
