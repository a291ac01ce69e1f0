package com.fashionos.events;

import static com.fashionos.embedded.Eventually.eventually;
import static com.fashionos.embedded.PoisonRecords.parked;
import static com.fashionos.embedded.PoisonRecords.parkedCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.PoisonRecords;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * events-service's projections park a record they cannot apply and keep serving: the task
 * summaries past a progress its table refuses, the budget summaries past a status without a
 * summary, the activity feed past a row with a broken reference. Listed and counted for the
 * operator; a replay answers why it still fails.
 */
@ExtendWith(TestEngines.class)
class EventsPoisonRecordTest {
  private static EventsServiceUnderTest service;
  private static User lead;
  private static PoisonRecords topics;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    service = new EventsServiceUnderTest(engines);
    lead = service.users.create("Sarah Chen");
    service.touch(lead);
    topics = new PoisonRecords(service.kafka);
  }

  @AfterAll
  static void stop() {
    topics.close();
    service.close();
  }

  @Test
  void theTaskSummariesParkAProgressTheTableRefusesAndApplyTheNextOne() {
    String consumer = "events-service.task-summaries";
    double parkedBefore = parkedCount(service.vertx, consumer);
    UUID eventId = UUID.fromString(service.createEvent(lead, EventsServiceUnderTest.newEvent("Progress show")));
    ChangeRecord poison = topics.publish(Topics.TASKS, rowChange(eventId, "tasks", "event_progress", progress(eventId, 1_000)));
    topics.publish(Topics.TASKS, rowChange(eventId, "tasks", "event_progress", progress(eventId, 40)));

    eventually("the progress after the poison applied", () -> assertThat(service.sql(
        "SELECT progress_percentage FROM events WHERE id = $1", eventId).get(0).getInteger("progress_percentage"))
        .isEqualTo(40));
    JsonObject parked = parked(service.api, consumer, poison.id());
    assertThat(parked.getString("error")).contains("progress_percentage");
    eventually("the parked record counted", () -> assertThat(parkedCount(service.vertx, consumer)).isEqualTo(parkedBefore + 1));

    TestApi.Answer replay = service.api.post("/admin/parked-records/" + parked.getLong("id") + "/replay").send();
    assertThat(replay.status()).as(replay.toString()).isEqualTo(422);
    assertThat(replay.errorCode()).isEqualTo("replay_failed");
  }

  @Test
  void theBudgetSummariesParkAStatusWithoutASummaryAndApplyTheNextOne() {
    String consumer = "events-service.budget-summaries";
    UUID eventId = UUID.fromString(service.createEvent(lead, EventsServiceUnderTest.newEvent("Budget show")));
    ChangeRecord poison = topics.publish(Topics.BUDGET, rowChange(eventId, "budget", "budget_status",
        new JsonObject().put("event_id", eventId.toString()).put("summary", "not an object").put("version", 1)));
    topics.publish(Topics.BUDGET, rowChange(eventId, "budget", "budget_status", new JsonObject()
        .put("event_id", eventId.toString()).put("version", 2).put("summary", new JsonObject()
            .put("total_budgeted", "45000.00").put("total_actual", "0.00").put("variance_percentage", 0))));

    eventually("the status after the poison applied", () -> assertThat(service.sql(
        "SELECT summary->>'total_budgeted' AS total FROM budget_summaries WHERE event_id = $1", eventId))
        .singleElement().satisfies(row -> assertThat(row.getString("total")).isEqualTo("45000.00")));
    assertThat(parked(service.api, consumer, poison.id()).getString("error")).contains("ClassCastException");
  }

  @Test
  void theActivityFeedParksARowWithABrokenReferenceAndRecordsTheNextChange() {
    String consumer = "events-service.activity";
    UUID eventId = UUID.fromString(service.createEvent(lead, EventsServiceUnderTest.newEvent("Activity show")));
    ChangeRecord poison = topics.publish(Topics.EVENTS, rowChange(eventId, "events", "events", new JsonObject()
        .put("id", eventId.toString()).put("name", "Broken").put("sponsor_id", "not-a-uuid")));
    TestApi.Answer renamed = service.api.put("/api/v1/events/" + eventId).token(lead.token())
        .json(new JsonObject().put("name", "Renamed show")).send();
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);

    eventually("the rename after the poison in the activity feed", () -> assertThat(service.sql(
        "SELECT count(*) AS n FROM activity_logs WHERE event_id = $1 AND metadata->'changed_fields' ? 'name'", eventId)
        .get(0).getLong("n")).isPositive());
    assertThat(parked(service.api, consumer, poison.id()).getString("error")).contains("not-a-uuid");
  }

  /** tasks-service's event_progress row at the percentage. */
  static JsonObject progress(UUID eventId, int percentage) {
    return new JsonObject().put("event_id", eventId.toString()).put("total", 10).put("done", 4).put("in_progress", 0)
        .put("blocked", 0).put("overdue", 0).put("by_phase", new JsonObject()).put("generation_status", "done")
        .put("generated_tasks", 10).put("planned_tasks", 10).put("progress_percentage", percentage);
  }

  /** A service's record of a changed row of one of its tables, by the lead. */
  private static ChangeRecord rowChange(UUID eventId, String service, String table, JsonObject row) {
    return ChangeRecord.of("/fashionos/" + service + "-service", RowChange.type(service, table), null, eventId,
        RowChange.of(table, Operation.UPDATE, row, new JsonObject(), lead.id(), Instant.now(), Instant.now()).toJson());
  }
}
