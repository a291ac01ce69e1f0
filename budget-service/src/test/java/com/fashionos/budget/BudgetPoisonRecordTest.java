package com.fashionos.budget;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.EventCreated;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.health.Metrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * budget-service's consumers park a record they cannot apply and keep serving: the wizard's
 * budget past a line its table refuses, the membership read model past an event starting at
 * {@code infinity}. Listed and counted for the operator; a replay answers why it still fails.
 */
@ExtendWith(TestEngines.class)
class BudgetPoisonRecordTest {
  private static final String WIZARD = "budget-service.event-created";
  private static final String READ_MODEL = "budget-service.events-read-model";
  private static BudgetStack stack;
  private static User lead;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new BudgetStack(engines);
    lead = stack.users.create("Sarah Chen");
    stack.signIn(lead);
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafka.bootstrapServers()), new StringSerializer(),
        new StringSerializer());
  }

  @AfterAll
  static void stop() {
    producer.close();
    stack.close();
  }

  @Test
  void theWizardParksABudgetLineTheTableRefusesAndMakesTheNextEventsBudget() {
    double parkedBefore = parkedCount(WIZARD);
    UUID poisonEvent = UUID.randomUUID();
    ChangeRecord poison = publish(eventCreated(poisonEvent,
        BudgetStack.line("venue", "45000.00").put("currency", "not a currency")));

    // Through the API, as any wizard: its categories are made although the poison came first.
    String eventId = stack.createEvent(lead, new JsonArray().add(BudgetStack.line("venue", 45000)));
    assertThat(stack.budgetOf(lead, eventId).getJsonArray("categories")).hasSize(1);
    JsonObject parked = parkedBy(WIZARD, poison.id());
    assertThat(parked.getString("error")).contains("23514");
    assertThat(stack.sql("SELECT count(*) AS n FROM event_budget_categories WHERE event_id = $1", poisonEvent)
        .get(0).getLong("n")).isZero();
    assertThat(parkedCount(WIZARD)).isEqualTo(parkedBefore + 1);

    TestApi.Answer replay = stack.budget.post("/admin/parked-records/" + parked.getLong("id") + "/replay").send();
    assertThat(replay.status()).as(replay.toString()).isEqualTo(422);
    assertThat(replay.errorCode()).isEqualTo("replay_failed");
    assertThat(replay.json().getJsonObject("error").getString("message")).contains("currency");
  }

  @Test
  void theMembershipReadModelParksAnEventStartingAtInfinityAndLearnsTheNextChange() {
    double parkedBefore = parkedCount(READ_MODEL);
    UUID eventId = UUID.randomUUID();
    ChangeRecord poison = publish(eventRow(eventId, "infinity"));
    publish(eventRow(eventId, "2027-06-15T14:00:00Z"));

    eventually("the change after the poison applied", () -> assertThat(stack.sql(
        "SELECT start_date::text AS start FROM events WHERE id = $1", eventId)).singleElement()
        .satisfies(row -> assertThat(row.getString("start")).startsWith("2027-06-15")));
    assertThat(parkedBy(READ_MODEL, poison.id()).getString("error")).contains("infinity");
    assertThat(parkedCount(READ_MODEL)).isEqualTo(parkedBefore + 1);
  }

  private static ChangeRecord eventCreated(UUID eventId, JsonObject budgetLine) {
    JsonObject event = new JsonObject().put("id", eventId.toString()).put("name", "Poison show")
        .put("type", "runway_show").put("start_date", "2027-06-15T14:00:00Z").put("status", "planning");
    return ChangeRecord.of("/fashionos/events-service", EventCreated.TYPE, null, eventId, new EventCreated(event,
        new JsonArray().add(budgetLine), new JsonArray(), new JsonArray(), new JsonArray(), lead.id(), Instant.now())
        .toJson());
  }

  /** events-service's record of an event row, as it published one with a start date it could not hold. */
  private static ChangeRecord eventRow(UUID eventId, String startDate) {
    JsonObject row = new JsonObject().put("id", eventId.toString()).put("name", "Poison show")
        .put("start_date", startDate).put("status", "planning").put("created_by", lead.id().toString());
    return ChangeRecord.of("/fashionos/events-service", RowChange.type("events", "events"), null, eventId,
        RowChange.of("events", Operation.INSERT, row, null, lead.id(), Instant.now(), Instant.now()).toJson());
  }

  /** Publishes the record straight to the events topic, keyed as events-service keys it. */
  private static ChangeRecord publish(ChangeRecord record) {
    producer.send(new ProducerRecord<>(Topics.name(stack.kafka, Topics.EVENTS), record.key(), record.toJson().encode()));
    return record;
  }

  /** The consumer's parked record, as the operator lists it. */
  private static JsonObject parkedBy(String consumer, UUID recordId) {
    return eventually("record " + recordId + " listed as parked", () -> {
      TestApi.Answer answer = stack.budget.get("/admin/parked-records?consumer=" + consumer).send();
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      return answer.json().getJsonArray("parked_records").stream().map(JsonObject.class::cast)
          .filter(p -> recordId.toString().equals(p.getString("record_id"))).findFirst().orElse(null);
    }, parked -> true);
  }

  private static double parkedCount(String consumer) {
    Counter counter = Metrics.registry().find("fashionos.consumer.parked.records").tag("consumer", consumer).counter();
    return counter == null ? 0 : counter.count();
  }
}
