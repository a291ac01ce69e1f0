package com.fashionos.budget;

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
import com.fashionos.platform.change.EventCreated;
import com.fashionos.platform.change.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
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
  private static PoisonRecords topics;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new BudgetStack(engines);
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
  void theWizardParksABudgetLineTheTableRefusesAndMakesTheNextEventsBudget() {
    double parkedBefore = parkedCount(stack.vertx, WIZARD);
    UUID poisonEvent = UUID.randomUUID();
    ChangeRecord poison = topics.publish(Topics.EVENTS, eventCreated(poisonEvent,
        BudgetStack.line("venue", "45000.00").put("currency", "not a currency")));

    // Through the API, as any wizard: its categories are made although the poison came first.
    String eventId = stack.createEvent(lead, new JsonArray().add(BudgetStack.line("venue", 45000)));
    assertThat(stack.budgetOf(lead, eventId).getJsonArray("categories")).hasSize(1);
    JsonObject parked = parked(stack.budget, WIZARD, poison.id());
    assertThat(parked.getString("error")).contains("23514");
    assertThat(stack.sql("SELECT count(*) AS n FROM event_budget_categories WHERE event_id = $1", poisonEvent)
        .get(0).getLong("n")).isZero();
    eventually("the parked record counted", () -> assertThat(parkedCount(stack.vertx, WIZARD)).isEqualTo(parkedBefore + 1));

    TestApi.Answer replay = stack.budget.post("/admin/parked-records/" + parked.getLong("id") + "/replay").send();
    assertThat(replay.status()).as(replay.toString()).isEqualTo(422);
    assertThat(replay.errorCode()).isEqualTo("replay_failed");
    assertThat(replay.json().getJsonObject("error").getString("message")).contains("currency");
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
    assertThat(parked(stack.budget, READ_MODEL, poison.id()).getString("error")).contains("infinity");
    eventually("the parked record counted", () -> assertThat(parkedCount(stack.vertx, READ_MODEL)).isEqualTo(parkedBefore + 1));
  }

  private static ChangeRecord eventCreated(UUID eventId, JsonObject budgetLine) {
    JsonObject event = new JsonObject().put("id", eventId.toString()).put("name", "Poison show")
        .put("type", "runway_show").put("start_date", "2027-06-15T14:00:00Z").put("status", "planning");
    return ChangeRecord.of("/fashionos/events-service", EventCreated.TYPE, null, eventId, new EventCreated(event,
        new JsonArray().add(budgetLine), new JsonArray(), new JsonArray(), new JsonArray(), lead.id(), Instant.now())
        .toJson());
  }
}
