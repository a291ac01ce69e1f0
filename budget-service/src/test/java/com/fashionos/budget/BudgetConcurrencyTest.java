package com.fashionos.budget;

import static com.fashionos.budget.BudgetStack.category;
import static com.fashionos.budget.BudgetStack.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Money under concurrency: many people adding expenses to one category at once never lose a
 * cent, and reallocations racing back and forth never create or destroy budget nor leave a
 * category below what is spent in it.
 */
@ExtendWith(TestEngines.class)
class BudgetConcurrencyTest {
  private static final int THREADS = 10;
  private static BudgetStack stack;
  private static User lead;
  private static ExecutorService pool;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new BudgetStack(engines);
    lead = stack.users.create("Sarah Chen");
    stack.signIn(lead);
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    stack.close();
  }

  /** Runs the calls at once on the pool and answers their answers, in call order. */
  private static <T> List<Answer> race(List<T> inputs, Function<T, Answer> call) {
    List<CompletableFuture<Answer>> calls = new ArrayList<>();
    for (T input : inputs) calls.add(CompletableFuture.supplyAsync(() -> call.apply(input), pool));
    return calls.stream().map(CompletableFuture::join).toList();
  }

  @Test
  void fiftyConcurrentExpensesSumToTheCent() {
    String eventId = stack.createEvent(lead, new JsonArray().add(line("production", 75000)).add(line("venue", 1000)));
    Random random = new Random(20270910);
    List<BigDecimal> amounts = new ArrayList<>();
    for (int i = 0; i < 50; i++) amounts.add(BigDecimal.valueOf(1 + random.nextInt(9999), 2));
    List<Answer> answers = race(amounts, amount -> stack.addExpense(lead, eventId, "production",
        "Item " + amount, amount.toPlainString()));

    BigDecimal accepted = BigDecimal.ZERO.setScale(2);
    for (int i = 0; i < answers.size(); i++) {
      assertThat(answers.get(i).status()).as(answers.get(i).toString()).isEqualTo(201);
      accepted = accepted.add(amounts.get(i));
    }
    JsonObject budget = stack.budgetOf(lead, eventId);
    assertThat(new BigDecimal(category(budget, "production").getString("actual"))).isEqualTo(accepted);
    assertThat(new BigDecimal(category(budget, "venue").getString("actual"))).isEqualTo(new BigDecimal("0.00"));
    assertThat(new BigDecimal(budget.getString("total_actual"))).isEqualTo(accepted);
    BigDecimal stored = stack.sql("SELECT sum(e.amount) AS total, count(*) AS n FROM expenses e"
        + " JOIN event_budget_categories c ON c.id = e.budget_category_id WHERE e.event_id = $1 AND c.category = 'production'",
        UUID.fromString(eventId)).get(0).getBigDecimal("total");
    assertThat(stored).isEqualTo(accepted);
    assertThat(stack.sql("SELECT actual_amount FROM event_budget_categories WHERE event_id = $1 AND category = 'production'",
        UUID.fromString(eventId)).get(0).getBigDecimal("actual_amount")).isEqualTo(accepted);
    assertThat(stack.budget.get(BudgetStack.expensesPath(eventId)).token(lead.token()).send().json().getLong("total"))
        .isEqualTo(50);
  }

  /**
   * The budget_status row (what the realtime screen and the event detail show) is the budget as
   * it is after the last change, also when changes to different categories commit side by side.
   */
  @Test
  void theSavedStatusIsTheBudgetAfterConcurrentExpensesInDifferentCategories() {
    List<String> categories = List.of("venue", "production", "talent", "catering", "marketing");
    JsonArray lines = new JsonArray();
    categories.forEach(c -> lines.add(line(c, 100000)));
    String eventId = stack.createEvent(lead, lines);
    List<String> spread = new ArrayList<>();
    for (int i = 0; i < 40; i++) spread.add(categories.get(i % categories.size()));
    List<Answer> answers = race(spread, category -> stack.addExpense(lead, eventId, category, "Spread", "10.00"));
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(201));

    JsonObject budget = stack.budgetOf(lead, eventId);
    assertThat(budget.getString("total_actual")).isEqualTo("400.00");
    JsonObject saved = (JsonObject) stack.sql("SELECT summary FROM budget_status WHERE event_id = $1",
        UUID.fromString(eventId)).get(0).getValue("summary");
    assertThat(saved.getString("total_actual")).as("the saved status's total").isEqualTo("400.00");
    assertThat(saved).isEqualTo(budget);
  }

  @Test
  void racingReallocationsKeepTheTotalAndNeverGoBelowTheSpent() {
    String eventId = stack.createEvent(lead, new JsonArray().add(line("venue", "10000.00")).add(line("production", "10000.00")));
    assertThat(stack.addExpense(lead, eventId, "venue", "Hall", "5000.00").status()).isEqualTo(201);
    assertThat(stack.addExpense(lead, eventId, "production", "Lights", "6000.00").status()).isEqualTo(201);

    // Back and forth, sometimes more than the giver can spare at that moment.
    record Move(String from, String to, BigDecimal amount) {}
    Random random = new Random(915);
    List<Move> moves = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(250000), 2);
      moves.add(i % 2 == 0 ? new Move("venue", "production", amount) : new Move("production", "venue", amount));
    }
    List<Answer> answers = race(moves, m -> stack.reallocate(lead, eventId, m.from(), m.to(), m.amount().toPlainString()));

    BigDecimal venue = new BigDecimal("10000.00");
    int accepted = 0;
    for (int i = 0; i < answers.size(); i++) {
      Answer answer = answers.get(i);
      assertThat(answer.status()).as(answer.toString()).isIn(201, 422);
      if (answer.status() == 422) {
        assertThat(answer.errorFields()).as(answer.toString()).containsExactly("amount");
        continue;
      }
      accepted++;
      Move move = moves.get(i);
      venue = move.from().equals("venue") ? venue.subtract(move.amount()) : venue.add(move.amount());
    }
    assertThat(accepted).as("some reallocations went through").isPositive();

    JsonObject budget = stack.budgetOf(lead, eventId);
    assertThat(budget.getString("total_budgeted")).isEqualTo("20000.00");
    assertThat(budget.getString("total_actual")).isEqualTo("11000.00");
    for (String name : List.of("venue", "production")) {
      JsonObject category = category(budget, name);
      assertThat(new BigDecimal(category.getString("budgeted"))).as(name + " keeps what is spent in it")
          .isGreaterThanOrEqualTo(new BigDecimal(category.getString("actual")));
    }
    assertThat(new BigDecimal(category(budget, "venue").getString("budgeted"))).isEqualTo(venue);
    assertThat(new BigDecimal(category(budget, "production").getString("budgeted")))
        .isEqualTo(new BigDecimal("20000.00").subtract(venue));
    assertThat(stack.sql("SELECT sum(budgeted_amount) AS total FROM event_budget_categories WHERE event_id = $1",
        UUID.fromString(eventId)).get(0).getBigDecimal("total")).isEqualTo(new BigDecimal("20000.00"));
    assertThat(stack.sql("SELECT count(*) AS n FROM reallocations WHERE event_id = $1", UUID.fromString(eventId))
        .get(0).getLong("n")).isEqualTo(accepted);
  }
}
