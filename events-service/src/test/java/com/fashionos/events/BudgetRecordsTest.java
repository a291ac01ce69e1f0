package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What events-service makes of budget-service's change records: the event detail's budget block
 * (never set back by an older status) and the team's feed.
 */
class BudgetRecordsTest extends EventsServiceTest {
  static User sarah;
  static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start() {
    sarah = service.users.create("Sarah Chen");
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", service.kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer());
  }

  @AfterAll
  static void stop() {
    producer.close();
  }

  /** Publishes a row change as budget-service's outbox relay would. */
  private static ChangeRecord publish(String eventId, String table, Operation operation, JsonObject row,
      JsonObject old, UUID actor) throws Exception {
    RowChange change = RowChange.of(table, operation, row, old, actor, Instant.now(), Instant.now());
    ChangeRecord record = ChangeRecord.of("/fashionos/budget-service", RowChange.type("budget", table),
        table + "/" + eventId, UUID.fromString(eventId), change.toJson());
    producer.send(new ProducerRecord<>(Topics.name(service.kafka, Topics.BUDGET), record.key(), record.toJson().encode()))
        .get();
    return record;
  }

  /** A budget_status row: production over budget by {@code over}, as GET …/budget answers it. */
  private static JsonObject status(String eventId, long version, String actual, String over, String overPercent) {
    JsonObject summary = new JsonObject()
        .put("currency", "USD").put("total_budgeted", "75000.00").put("total_actual", actual)
        .put("variance", over).put("variance_percentage", overPercent)
        .put("categories", new JsonArray().add(new JsonObject()
            .put("id", UUID.randomUUID().toString()).put("category", "production").put("budgeted", "75000.00")
            .put("actual", actual).put("variance", over).put("variance_percentage", overPercent)
            .put("used_percentage", new BigDecimal(overPercent).add(BigDecimal.valueOf(100)).toPlainString())
            .put("currency", "USD").put("version", version)))
        .put("alerts", new JsonArray().add(new JsonObject()
            .put("kind", "category_over_budget").put("severity", "red").put("category", "production")
            .putNull("expense_id").put("amount", over).put("percentage", overPercent)
            .put("message", "Production " + overPercent + "% over budget")))
        .put("suggestions", new JsonArray().add(new JsonObject()
            .put("from", "marketing").put("to", "production").put("amount", over).put("reason", "Marketing is under budget")));
    return new JsonObject().put("event_id", eventId).put("summary", summary)
        .put("updated_at", Instant.now().toString()).put("version", version);
  }

  private static JsonObject budget(String eventId) {
    return service.api.get("/api/v1/events/" + eventId).token(sarah.token()).send().json()
        .getJsonObject("event").getJsonObject("budget");
  }

  private static JsonObject awaitBudget(String eventId, Predicate<JsonObject> condition) {
    return Eventually.eventually("the event's budget", () -> budget(eventId), condition);
  }

  /** Waits until the consumer has applied the record (and, one partition per event, those before it). */
  private static void awaitApplied(String consumer, ChangeRecord record) {
    Eventually.eventually("record " + record.id() + " applied by " + consumer, () -> !service.sql(
        "SELECT 1 FROM processed_records WHERE consumer = $1 AND record_id = $2", consumer, record.id()).isEmpty(), applied -> applied);
  }

  @Test
  void detailShowsTheLatestBudgetStatusWithItsAlerts() throws Exception {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Budgeted show"));
    assertThat(budget(id)).isEqualTo(new JsonObject().put("total_budgeted", "0.00").put("total_actual", "0.00")
        .putNull("variance_percentage").put("categories", new JsonArray()).put("alerts", new JsonArray()));

    publish(id, "budget_status", Operation.UPDATE, status(id, 3, "81000.00", "6000.00", "8.0"),
        status(id, 2, "61000.00", "0.00", "0.0"), null);
    JsonObject budget = awaitBudget(id, b -> "81000.00".equals(b.getString("total_actual")));
    assertThat(budget.fieldNames())
        .containsExactlyInAnyOrder("total_budgeted", "total_actual", "variance_percentage", "categories", "alerts");
    assertThat(budget.getString("total_budgeted")).isEqualTo("75000.00");
    assertThat(budget.getString("variance_percentage")).isEqualTo("8.0");
    assertThat(budget.getJsonArray("categories").getJsonObject(0).getString("actual")).isEqualTo("81000.00");
    JsonObject alert = budget.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("kind")).isEqualTo("category_over_budget");
    assertThat(alert.getString("amount")).isEqualTo("6000.00");

    // A status from before (a replay from an earlier offset) leaves the newer one in place.
    ChangeRecord older = publish(id, "budget_status", Operation.UPDATE, status(id, 2, "61000.00", "0.00", "0.0"),
        status(id, 1, "0.00", "0.00", "0.0"), null);
    awaitApplied("events-service.budget-summaries", older);
    assertThat(budget(id).getString("total_actual")).isEqualTo("81000.00");
  }

  @Test
  void anExpenseIsInTheFeedAndTheStatusIsNot() throws Exception {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Feed budget show"));
    JsonObject expense = new JsonObject().put("id", UUID.randomUUID().toString()).put("event_id", id)
        .put("category", "production").put("name", "Lighting Package").put("amount", "20000.00")
        .put("currency", "USD").put("paid_status", "pending").put("version", 1);
    publish(id, "expenses", Operation.INSERT, expense, null, sarah.id());
    ChangeRecord status = publish(id, "budget_status", Operation.INSERT, status(id, 1, "20000.00", "0.00", "0.0"), null,
        null);
    awaitApplied("events-service.activity", status);

    // The events topic's own entries (creation, team) are projected independently of the budget
    // topic's: wait for all three before asserting the order.
    JsonArray feed = Eventually.eventually("three entries in the activity feed",
        () -> service.api.get("/api/v1/events/" + id + "/activity").token(sarah.token()).send().array("activity"),
        entries -> entries.size() >= 3);
    // In any order: the feed orders by projection, and the two topics are projected independently.
    assertThat(feed.stream().map(e -> ((JsonObject) e).getString("description"))).containsExactlyInAnyOrder(
        "Sarah Chen added the expense 'Lighting Package' (20,000.00 USD) to production",
        "Sarah Chen joined the team as event lead",
        "Sarah Chen created the event 'Feed budget show'");
  }
}
