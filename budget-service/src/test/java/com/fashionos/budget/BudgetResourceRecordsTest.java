package com.fashionos.budget;

import static com.fashionos.budget.BudgetStack.budgetPath;
import static com.fashionos.budget.BudgetStack.category;
import static com.fashionos.budget.BudgetStack.expensesPath;
import static com.fashionos.budget.BudgetStack.line;
import static com.fashionos.budget.BudgetStack.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * budget-service's version-2 records carry each resource exactly as its REST GET answers it: for
 * every resource and every operation the API allows, the record's {@code new} is the GET body
 * after the change and its {@code old} the GET body before it (BudgetChangeRecords).
 */
@ExtendWith(TestEngines.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BudgetResourceRecordsTest {
  private static BudgetStack stack;
  private static User sarah;
  private static User marcus;
  private static Records records;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new BudgetStack(engines);
    sarah = stack.users.create("Sarah Chen");
    marcus = stack.users.create("Marcus Webb");
    stack.signIn(sarah);
    stack.signIn(marcus);
    records = new Records();
  }

  @AfterAll
  static void stop() {
    records.close();
    stack.close();
  }

  private static String newEvent(JsonArray lines) {
    return stack.createEvent(sarah, lines, member(marcus, "production_manager", "edit"));
  }

  @Test
  void aCategoryIsWhatTheBudgetListsForItWhoeverChangesIt() {
    String eventId = newEvent(new JsonArray().add(line("venue", 45000)));
    JsonObject venue = stack.categoryOf(sarah, eventId, "venue");
    String venueId = venue.getString("id");
    // Made from the wizard's line: the system's doing.
    assertChange(records.next("budget_category", venueId), Operation.INSERT, venue, null, null);

    // The lead sets its amount.
    setBudgeted(eventId, "venue", "50000.00");
    JsonObject raised = stack.categoryOf(sarah, eventId, "venue");
    assertChange(records.next("budget_category", venueId), Operation.UPDATE, raised, venue, sarah);

    // The lead adds a category the event had none of.
    setBudgeted(eventId, "catering", "5000.00");
    JsonObject catering = stack.categoryOf(sarah, eventId, "catering");
    String cateringId = catering.getString("id");
    assertChange(records.next("budget_category", cateringId), Operation.INSERT, catering, null, sarah);

    // An expense moves the category's actual amount: a consequence of Marcus's act, no actor.
    assertThat(stack.addExpense(marcus, eventId, "venue", "Deposit", "1200.00").status()).isEqualTo(201);
    JsonObject spent = stack.categoryOf(sarah, eventId, "venue");
    assertThat(spent.getString("actual")).isEqualTo("1200.00");
    assertChange(records.next("budget_category", venueId), Operation.UPDATE, spent, raised, null);

    // A reallocation moves money out of one and into another, making the receiver when missing.
    assertThat(stack.reallocate(sarah, eventId, "venue", "catering", "1000.00").status()).isEqualTo(201);
    JsonObject budget = stack.budgetOf(sarah, eventId);
    JsonObject gave = category(budget, "venue");
    assertChange(records.next("budget_category", venueId), Operation.UPDATE, gave, spent, null);
    assertChange(records.next("budget_category", cateringId), Operation.UPDATE, category(budget, "catering"), catering, null);
    assertThat(stack.reallocate(sarah, eventId, "venue", "marketing", "500.00").status()).isEqualTo(201);
    budget = stack.budgetOf(sarah, eventId);
    assertChange(records.next("budget_category", venueId), Operation.UPDATE, category(budget, "venue"), gave, null);
    JsonObject marketing = category(budget, "marketing");
    assertChange(records.next("budget_category", marketing.getString("id")), Operation.INSERT, marketing, null, null);
  }

  /**
   * Expenses racing on one category: each category record's {@code old} is what the one before
   * it left ({@code new}), so a reader replaying {@code old} → {@code new} never skips a change.
   */
  @Test
  void concurrentExpensesChainTheirCategorysRecords() {
    String eventId = newEvent(new JsonArray().add(line("production", 75000)));
    String productionId = stack.categoryOf(sarah, eventId, "production").getString("id");
    records.next("budget_category", productionId); // made by the wizard
    int racers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<CompletableFuture<Answer>> answers = IntStream.rangeClosed(1, racers)
          .mapToObj(i -> CompletableFuture.supplyAsync(
              () -> stack.addExpense(marcus, eventId, "production", "Racer " + i, i + "00.00"), pool))
          .toList();
      answers.forEach(answer -> assertThat(answer.join().status()).as(answer.join().toString()).isEqualTo(201));
    } finally {
      pool.shutdown();
    }
    JsonObject previous = null;
    for (int i = 0; i < racers; i++) {
      ResourceChange change = records.next("budget_category", productionId);
      if (previous != null) assertThat(change.oldValue()).as("old of record %d", i + 1).isEqualTo(previous);
      previous = change.newValue();
    }
    assertThat(previous).isEqualTo(stack.categoryOf(sarah, eventId, "production"));
    assertThat(previous.getString("actual")).isEqualTo("2100.00");
  }

  @Test
  void anExpenseIsWhatItsGetAnswersFromCreationToDeletion() {
    String eventId = newEvent(new JsonArray().add(line("production", 75000)).add(line("talent", 30000)));
    Answer added = stack.budget.post(expensesPath(eventId)).token(marcus.token()).json(new JsonObject()
        .put("category", "production").put("name", "Lighting Package").put("amount", "20000.00")
        .put("vendor_name", "Bright Co").put("due_date", "2027-08-01T12:00:00Z")).send();
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    String expenseId = added.json().getString("expense_id");
    JsonObject created = expense(eventId, expenseId);
    assertThat(added.json().getJsonObject("expense")).isEqualTo(created);
    assertThat(stack.budget.get(expensesPath(eventId)).token(sarah.token()).send().json().getJsonArray("expenses")
        .getJsonObject(0)).as("the list's item").isEqualTo(created);
    assertChange(records.next("expense", expenseId), Operation.INSERT, created, null, marcus);

    // A rename moves no money: the category stays as its last record showed it (no new version).
    JsonObject production = stack.categoryOf(sarah, eventId, "production");
    Answer renamed = stack.budget.put(expensesPath(eventId) + "/" + expenseId).token(marcus.token())
        .json(new JsonObject().put("name", "Lighting Package, LED")).send();
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    JsonObject named = expense(eventId, expenseId);
    assertChange(records.next("expense", expenseId), Operation.UPDATE, named, created, marcus);
    assertThat(stack.categoryOf(sarah, eventId, "production")).isEqualTo(production);

    // Moved to another category, renamed and paid: one change.
    Answer changed = stack.budget.put(expensesPath(eventId) + "/" + expenseId).token(marcus.token()).json(new JsonObject()
        .put("category", "talent").put("name", "Lighting crew").put("paid_status", "paid")).send();
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    JsonObject moved = expense(eventId, expenseId);
    assertThat(moved.getString("category")).isEqualTo("talent");
    ResourceChange update = records.next("expense", expenseId);
    assertChange(update, Operation.UPDATE, moved, named, marcus);
    assertThat(update.changedFields()).containsExactlyInAnyOrder("budget_category_id", "category", "name", "paid_status");

    assertThat(stack.budget.delete(expensesPath(eventId) + "/" + expenseId).token(marcus.token()).send().status())
        .isEqualTo(200);
    assertThat(stack.budget.get(expensesPath(eventId) + "/" + expenseId).token(sarah.token()).send().status())
        .isEqualTo(404);
    assertChange(records.next("expense", expenseId), Operation.DELETE, null, moved, marcus);
  }

  @Test
  void aReallocationIsWhatTheListShowsAndThePostAnswered() {
    String eventId = newEvent(new JsonArray().add(line("marketing", 25000)).add(line("production", 75000)));
    Answer moved = stack.budget.post(budgetPath(eventId) + "/reallocations").token(sarah.token()).json(new JsonObject()
        .put("from", "marketing").put("to", "production").put("amount", "5000.00").put("reason", "Lights ran over")).send();
    assertThat(moved.status()).as(moved.toString()).isEqualTo(201);
    JsonObject listed = stack.budget.get(budgetPath(eventId) + "/reallocations").token(marcus.token()).send().json();
    assertThat(listed.getLong("total")).isEqualTo(1);
    JsonObject reallocation = listed.getJsonArray("reallocations").getJsonObject(0);
    assertThat(moved.json().getJsonObject("reallocation")).isEqualTo(reallocation);
    assertThat(reallocation.getString("amount")).isEqualTo("5000.00");
    assertChange(records.next("reallocation", reallocation.getString("id")), Operation.INSERT, reallocation, null, sarah);
  }

  @Test
  void theBudgetStatusIsTheBudgetAnswerWithoutItsCategories() {
    String eventId = newEvent(new JsonArray().add(line("production", 75000)));
    JsonObject first = status(eventId);
    assertThat(first.getString("event_id")).isEqualTo(eventId);
    assertChange(records.next("budget_status", eventId), Operation.INSERT, first, null, null);

    String expenseId = stack.addExpense(marcus, eventId, "production", "Additional Lights", "80000.00")
        .json().getString("expense_id");
    JsonObject over = status(eventId);
    assertThat(over.getJsonArray("alerts")).isNotEmpty();
    assertChange(records.next("budget_status", eventId), Operation.UPDATE, over, first, null);

    assertThat(stack.budget.delete(expensesPath(eventId) + "/" + expenseId).token(marcus.token()).send().status())
        .isEqualTo(200);
    assertChange(records.next("budget_status", eventId), Operation.UPDATE, status(eventId), over, null);
  }

  private static void setBudgeted(String eventId, String category, String amount) {
    Answer answer = stack.budget.put(budgetPath(eventId) + "/categories/" + category).token(sarah.token())
        .json(new JsonObject().put("budgeted_amount", amount)).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  private static JsonObject expense(String eventId, String expenseId) {
    Answer answer = stack.budget.get(expensesPath(eventId) + "/" + expenseId).token(sarah.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json().getJsonObject("expense");
  }

  /** GET …/budget without its categories. */
  private static JsonObject status(String eventId) {
    JsonObject budget = stack.budgetOf(marcus, eventId);
    budget.remove("categories");
    return budget;
  }

  private static void assertChange(ResourceChange change, Operation operation, JsonObject after, JsonObject before, User actor) {
    assertThat(change.operation()).as(change.resource()).isEqualTo(operation);
    assertThat(change.newValue()).as("new of %s", change.resource()).isEqualTo(after);
    assertThat(change.oldValue()).as("old of %s", change.resource()).isEqualTo(before);
    assertThat(change.actor()).as("actor of %s", change.resource()).isEqualTo(actor == null ? null : actor.id());
  }

  /** budget-service's resource records, read from the topic's beginning, each taken once in order. */
  private static final class Records implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", stack.kafka.bootstrapServers(), "group.id", "test-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer());
    private final List<ChangeRecord> received = new ArrayList<>();
    private final Map<String, Integer> taken = new HashMap<>();

    Records() {
      consumer.subscribe(List.of(Topics.name(stack.kafka, Topics.BUDGET)));
    }

    /** The next resource record of {@code <resource>/<id>} not taken yet, once it arrived. */
    ResourceChange next(String resource, String id) {
      String subject = resource + "/" + id;
      int index = taken.merge(subject, 1, Integer::sum) - 1;
      ChangeRecord record = Eventually.eventually("record " + (index + 1) + " of " + subject, () -> {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> received.add(ChangeRecord.fromJson(new JsonObject(r.value()))));
        List<ChangeRecord> ofSubject = received.stream()
            .filter(r -> ResourceChange.isResourceChange(r.type()) && subject.equals(r.subject())).toList();
        return ofSubject.size() > index ? ofSubject.get(index) : null;
      }, found -> true);
      assertThat(record.type()).isEqualTo("com.fashionos.budget." + resource + ".changed.v2");
      return ResourceChange.fromJson(record.data());
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
