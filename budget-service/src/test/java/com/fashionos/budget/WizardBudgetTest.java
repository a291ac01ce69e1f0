package com.fashionos.budget;

import static com.fashionos.budget.BudgetStack.assertRejected;
import static com.fashionos.budget.BudgetStack.category;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.EventCreated;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wizard's budget lines become the event's categories once, however often the event-created
 * record is delivered; one currency per event; and every change publishes the budget status.
 */
@ExtendWith(TestEngines.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WizardBudgetTest {
  /** The consumer group of budget-service's wizard consumer (WizardBudgetConsumer). */
  private static final String WIZARD_GROUP = "budget-service.event-created";
  private static BudgetStack stack;
  private static User lead;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new BudgetStack(engines);
    lead = stack.users.create("Sarah Chen");
    stack.signIn(lead);
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer());
  }

  @AfterAll
  static void stop() {
    producer.close();
    stack.close();
  }

  private static JsonObject lineIn(String category, Object amount, String currency) {
    return BudgetStack.line(category, amount).put("currency", currency);
  }

  private static long rows(String table, String eventId) {
    return stack.sql("SELECT count(*) AS n FROM " + table + " WHERE event_id = $1", UUID.fromString(eventId))
        .get(0).getLong("n");
  }

  /** The first record of the topic, read from its beginning, that matches. */
  private static ConsumedRecord firstOf(Topics.Topic topic, Predicate<ChangeRecord> wanted) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", stack.kafka.bootstrapServers(), "group.id", "test-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.name(stack.kafka, topic)));
      return Eventually.eventually("a matching record on " + topic.name(), () -> {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          ChangeRecord change = ChangeRecord.fromJson(new JsonObject(record.value()));
          if (change != null && wanted.test(change)) return new ConsumedRecord(record.key(), record.value(), change);
        }
        return null;
      }, found -> true);
    }
  }

  private record ConsumedRecord(String key, String value, ChangeRecord change) {}

  /** Produces to the events topic and answers where the record landed. */
  private static RecordMetadata deliver(String key, String value) throws Exception {
    return producer.send(new ProducerRecord<>(Topics.name(stack.kafka, Topics.EVENTS), key, value)).get();
  }

  /** Waits until the wizard consumer has committed past the record (its effect is durable then). */
  private static void awaitConsumed(RecordMetadata record) throws Exception {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka.bootstrapServers()))) {
      Eventually.eventually("the wizard consumer past offset " + record.offset(), () -> {
        try {
          Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
              stack.kafka.topicPrefix() + WIZARD_GROUP).partitionsToOffsetAndMetadata().get();
          OffsetAndMetadata committed = offsets.get(partition);
          return committed == null ? -1L : committed.offset();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }, committed -> committed > record.offset());
    }
  }

  @Test
  void theWizardsLinesBecomeExactlyThoseCategoriesInTheirCurrency() {
    String eventId = stack.createEvent(lead, new JsonArray().add(lineIn("buffer", "5000", "EUR"))
        .add(lineIn("venue", "45000.50", "EUR")).add(lineIn("catering", 12000, "EUR")));
    JsonObject budget = stack.budgetOf(lead, eventId);
    assertThat(budget.getJsonArray("categories").stream().map(c -> ((JsonObject) c).getString("category")))
        .as("the spec's order").containsExactly("venue", "catering", "buffer");
    assertThat(budget.getString("currency")).isEqualTo("EUR");
    assertThat(budget.getJsonArray("categories").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(c -> c.getString("category"), c -> c.getString("budgeted"))))
        .isEqualTo(Map.of("venue", "45000.50", "catering", "12000.00", "buffer", "5000.00"));
    assertThat(budget.getJsonArray("categories").stream().map(c -> ((JsonObject) c).getString("currency")))
        .containsOnly("EUR");
    assertThat(budget.getJsonArray("categories").stream().map(c -> ((JsonObject) c).getString("actual")))
        .containsOnly("0.00");
    assertThat(budget.getString("total_budgeted")).isEqualTo("62000.50");
    assertThat(rows("event_budget_categories", eventId)).isEqualTo(3);
    assertThat(stack.sql("SELECT currency FROM event_budgets WHERE event_id = $1", UUID.fromString(eventId))
        .get(0).getString("currency")).isEqualTo("EUR");

    // An expense in the event's currency needs no rate; one in USD now does.
    assertThat(stack.addExpense(lead, eventId, "venue", "Hall", "100.00").status()).isEqualTo(201);
    assertRejected(stack.budget.post(BudgetStack.expensesPath(eventId)).token(lead.token())
        .json(new JsonObject().put("category", "venue").put("name", "Hall").put("amount", "1.00").put("currency", "USD"))
        .send(), 422, "exchange_rate");
  }

  @Test
  void anEventWithoutBudgetLinesHasAnEmptyUsdBudget() {
    String eventId = stack.createEvent(lead, new JsonArray());
    JsonObject budget = stack.budgetOf(lead, eventId);
    assertThat(budget.getString("currency")).isEqualTo("USD");
    assertThat(budget.getJsonArray("categories")).isEmpty();
    assertThat(budget.getString("total_budgeted")).isEqualTo("0.00");
    // No category yet: an expense has nowhere to go.
    assertRejected(stack.addExpense(lead, eventId, "venue", "Hall", "1.00"), 422, "category");
  }

  @Test
  void aRedeliveredEventCreatedRecordCreatesNothingTwice() throws Exception {
    String eventId = stack.createEvent(lead, new JsonArray().add(lineIn("venue", 45000, "USD"))
        .add(lineIn("production", 75000, "USD")));
    // The lead changes the plan and spends: a second application of the record would show.
    Answer changed = stack.budget.put(BudgetStack.budgetPath(eventId) + "/categories/venue").token(lead.token())
        .json(new JsonObject().put("budgeted_amount", "50000.00")).send();
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(stack.addExpense(lead, eventId, "production", "Lights", "2000.00").status()).isEqualTo(201);
    String before = stack.snapshot(eventId);

    ConsumedRecord created = firstOf(Topics.EVENTS,
        r -> EventCreated.TYPE.equals(r.type()) && eventId.equals(String.valueOf(r.eventId())));
    // The very same record again, as after a consumer crash before its commit...
    RecordMetadata same = deliver(created.key(), created.value());
    // ...and the same content under a new record id, as a producer retrying after a lost ack.
    ChangeRecord copy = ChangeRecord.of(created.change().source(), created.change().type(), created.change().subject(),
        created.change().eventId(), created.change().data());
    RecordMetadata republished = deliver(copy.key(), copy.toJson().encode());
    awaitConsumed(same);
    awaitConsumed(republished);

    assertThat(stack.snapshot(eventId)).isEqualTo(before);
    assertThat(rows("event_budget_categories", eventId)).isEqualTo(2);
    assertThat(rows("event_budgets", eventId)).isEqualTo(1);
    JsonObject budget = stack.budgetOf(lead, eventId);
    assertThat(category(budget, "venue").getString("budgeted")).isEqualTo("50000.00");
    assertThat(category(budget, "production").getString("actual")).isEqualTo("2000.00");

    // A later event still gets its categories: the consumer is alive past the duplicates.
    String later = stack.createEvent(lead, new JsonArray().add(BudgetStack.line("talent", 900)));
    assertThat(rows("event_budget_categories", later)).isEqualTo(1);
    assertThat(rows("event_budget_categories", eventId)).isEqualTo(2);
  }

  @Test
  void aRecordWithASixtyThousandDigitAmountIsSkippedInLinearTimeAndTheRestApplied() throws Exception {
    String eventId = stack.createEvent(lead, new JsonArray().add(lineIn("venue", 100, "USD")));
    ConsumedRecord created = firstOf(Topics.EVENTS,
        r -> EventCreated.TYPE.equals(r.type()) && eventId.equals(String.valueOf(r.eventId())));
    // Straight to the topic, as no API request can send it any more: events-service refuses it.
    UUID poisoned = UUID.randomUUID();
    JsonObject data = created.change().data().copy();
    data.getJsonObject("event").put("id", poisoned.toString());
    data.put("budget_categories", new JsonArray().add(lineIn("venue", "1." + "0".repeat(60_000), "USD"))
        .add(lineIn("catering", "10.00", "USD")));
    ChangeRecord poison = ChangeRecord.of(created.change().source(), EventCreated.TYPE, created.change().subject(),
        poisoned, data);
    awaitConsumed(deliver(poison.key(), poison.toJson().encode()));
    assertThat(stack.sql("SELECT category::text, budgeted_amount::text FROM event_budget_categories WHERE event_id = $1",
        poisoned).stream().map(row -> row.getString(0) + " " + row.getString(1)).toList()).containsExactly("catering 10.00");
  }

  @Test
  void budgetLinesInTwoCurrenciesAreRefusedByEventsService() {
    JsonObject body = new JsonObject().put("name", "Two currencies").put("type", "runway_show")
        .put("start_date", "2027-09-10T19:00:00Z")
        .put("budget_categories", new JsonArray().add(lineIn("venue", 1000, "USD")).add(lineIn("catering", 500, "EUR")));
    Answer answer = stack.events.post("/api/v1/events").token(lead.token()).json(body).send();
    assertThat(answer.status()).as(answer.toString()).isIn(400, 422);
    assertThat(answer.errorFields()).contains("budget_categories[1].currency");
  }

  /**
   * Last in the class: should events-service accept a line budget-service cannot store, the
   * wizard consumer fails on that record and retries it forever, stalling its partition.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void aWizardLineAboveTheMaximumIsRefusedAtTheLargestItIsStoredExactly() {
    String largest = stack.createEvent(lead, new JsonArray().add(BudgetStack.line("venue", "999999999999.99")));
    assertThat(stack.categoryOf(lead, largest, "venue").getString("budgeted")).isEqualTo("999999999999.99");
    JsonObject body = new JsonObject().put("name", "Too big").put("type", "runway_show")
        .put("start_date", "2027-09-10T19:00:00Z")
        .put("budget_categories", new JsonArray().add(BudgetStack.line("venue", "1000000000000")));
    Answer answer = stack.events.post("/api/v1/events").token(lead.token()).json(body).send();
    assertThat(answer.status()).as(answer.toString()).isIn(400, 422);
    assertThat(answer.errorFields()).contains("budget_categories[0].budgeted_amount");
  }

  @Test
  void everyChangePublishesTheBudgetStatus() {
    String eventId = stack.createEvent(lead, new JsonArray().add(lineIn("venue", 45000, "USD")));
    Answer expense = stack.addExpense(lead, eventId, "venue", "Deposit", "123.45");
    assertThat(expense.status()).as(expense.toString()).isEqualTo(201);
    String type = RowChange.type("budget", "budget_status");
    assertThat(type).isEqualTo("com.fashionos.budget.budget_status.changed.v1");

    ConsumedRecord status = firstOf(Topics.BUDGET, r -> type.equals(r.type()) && eventId.equals(String.valueOf(r.eventId()))
        && "123.45".equals(RowChange.fromJson(r.data()).row().getJsonObject("summary").getString("total_actual")));
    assertThat(status.key()).isEqualTo(eventId);
    RowChange change = RowChange.fromJson(status.change().data());
    assertThat(change.actor()).as("the rules' doing, no person's").isNull();
    JsonObject summary = change.row().getJsonObject("summary");
    assertThat(summary).isEqualTo(expense.json().getJsonObject("budget"));
    assertThat(summary).isEqualTo(stack.budgetOf(lead, eventId));
    assertThat(category(summary, "venue").getString("actual")).isEqualTo("123.45");
    assertThat(change.oldRow().getJsonObject("summary").getString("total_actual")).isEqualTo("0.00");
  }
}
