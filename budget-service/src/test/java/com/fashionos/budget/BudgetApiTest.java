package com.fashionos.budget;

import static com.fashionos.budget.BudgetStack.assertRejected;
import static com.fashionos.budget.BudgetStack.budgetPath;
import static com.fashionos.budget.BudgetStack.category;
import static com.fashionos.budget.BudgetStack.expensesPath;
import static com.fashionos.budget.BudgetStack.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
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
 * The budget endpoints' rules and their answers to bad input: every bad business value is a 422
 * naming its field (400 only for a body that is no JSON), and a refused request writes nothing.
 */
@ExtendWith(TestEngines.class)
class BudgetApiTest {
  private static BudgetStack stack;
  private static User lead;
  /** A USD event with venue, production and marketing: the target of the bad requests. */
  private static String eventId;
  private static String foreignCategoryId;
  /** A document of the other event: no invoice for this event's expenses. */
  private static String foreignFileId;
  private static String expenseId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new BudgetStack(engines);
    lead = stack.users.create("Sarah Chen");
    stack.signIn(lead);
    eventId = stack.createEvent(lead, new JsonArray()
        .add(line("venue", 45000)).add(line("production", 75000)).add(line("marketing", 25000)));
    String other = stack.createEvent(lead, new JsonArray().add(line("venue", 1000)));
    foreignCategoryId = stack.categoryOf(lead, other, "venue").getString("id");
    foreignFileId = stack.uploadDocument(lead, other);
    expenseId = created(stack.addExpense(lead, eventId, "venue", "Deposit", "500.00")).getString("id");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static JsonObject created(Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getJsonObject("expense");
  }

  private static Answer postExpense(String event, JsonObject body) {
    return stack.budget.post(expensesPath(event)).token(lead.token()).json(body).send();
  }

  private static Answer putExpense(String event, String id, JsonObject body) {
    return stack.budget.put(expensesPath(event) + "/" + id).token(lead.token()).json(body).send();
  }

  private static JsonObject listExpenses(String event, String query) {
    Answer answer = stack.budget.get(expensesPath(event) + query).token(lead.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  private static BigDecimal actual(String event, String category) {
    return new BigDecimal(stack.categoryOf(lead, event, category).getString("actual"));
  }

  private static JsonObject valid() {
    return new JsonObject().put("category", "venue").put("name", "Chairs").put("amount", "10.00");
  }

  private static Arguments bad(String description, JsonObject body, String field) {
    return Arguments.of(description, body.encode(), field);
  }

  static Stream<Arguments> badNewExpenses() {
    return Stream.of(
        bad("negative amount", valid().put("amount", -5), "amount"),
        bad("zero amount", valid().put("amount", 0), "amount"),
        bad("three decimals", valid().put("amount", "10.123"), "amount"),
        bad("three decimals as a number", valid().put("amount", 10.125), "amount"),
        bad("NaN", valid().put("amount", "NaN"), "amount"),
        bad("not a number", valid().put("amount", "abc"), "amount"),
        bad("1e400 as a string", valid().put("amount", "1e400"), "amount"),
        bad("huge", valid().put("amount", 1e15), "amount"),
        bad("boolean", valid().put("amount", true), "amount"),
        bad("missing amount", removed(valid(), "amount"), "amount"),
        bad("missing name", removed(valid(), "name"), "name"),
        bad("blank name", valid().put("name", "   "), "name"),
        bad("name of 201 characters", valid().put("name", "n".repeat(201)), "name"),
        bad("both category and id", valid().put("budget_category_id", foreignCategoryId), "category"),
        bad("neither category nor id", removed(valid(), "category"), "category"),
        bad("unknown category", valid().put("category", "flowers"), "category"),
        bad("another event's category id", removed(valid(), "category").put("budget_category_id", foreignCategoryId),
            "budget_category_id"),
        bad("a category id that is no UUID", removed(valid(), "category").put("budget_category_id", "nope"),
            "budget_category_id"),
        bad("a category the event has none of", valid().put("category", "talent"), "category"),
        bad("lower-case currency", valid().put("currency", "usd"), "currency"),
        bad("four-letter currency", valid().put("currency", "EURO"), "currency"),
        bad("another currency without a rate", valid().put("currency", "EUR"), "exchange_rate"),
        bad("a rate for the event's own currency", valid().put("currency", "USD").put("exchange_rate", "1.1"),
            "exchange_rate"),
        bad("a rate for the default currency", valid().put("exchange_rate", "1.1"), "exchange_rate"),
        bad("a rate with 9 decimals", valid().put("currency", "EUR").put("exchange_rate", "1.123456789"),
            "exchange_rate"),
        bad("a zero rate", valid().put("currency", "EUR").put("exchange_rate", 0), "exchange_rate"),
        bad("a converted amount over the maximum", valid().put("amount", "999999999999.99").put("currency", "EUR")
            .put("exchange_rate", "2"), "amount"),
        bad("paid_status overdue (derived)", valid().put("paid_status", "overdue"), "paid_status"),
        bad("unknown paid_status", valid().put("paid_status", "settled"), "paid_status"),
        bad("unknown field", valid().put("notes", "hello"), "notes"),
        bad("vendor_name of 201 characters", valid().put("vendor_name", "v".repeat(201)), "vendor_name"),
        bad("due_date that is no date", valid().put("due_date", "tomorrow"), "due_date"),
        bad("due_date in year 300000", valid().put("due_date", "+300000-01-01T00:00:00Z"), "due_date"),
        bad("another event's document as the invoice", valid().put("invoice_file_id", foreignFileId), "invoice_file_id"),
        bad("an invoice file that does not exist", valid().put("invoice_file_id", UUID.randomUUID().toString()),
            "invoice_file_id"),
        bad("an amount of 1. and 100,000 zeros", valid().put("amount", "1." + "0".repeat(100_000)), "amount"),
        bad("Arabic-Indic digits", valid().put("amount", "\u0661\u0662"), "amount"),
        bad("a NUL in the name", valid().put("name", "Chairs\u0000"), "name"),
        Arguments.of("1e400 as a number", valid().encode().replace("\"10.00\"", "1e400"), "amount"));
  }

  private static JsonObject removed(JsonObject body, String field) {
    body.remove(field);
    return body;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badNewExpenses")
  void badNewExpensesAre422NamingTheFieldAndWriteNothing(String description, String body, String field) {
    String before = stack.snapshot(eventId);
    Answer answer = stack.budget.post(expensesPath(eventId)).token(lead.token()).raw(body).send();
    assertRejected(answer, 422, field);
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }

  @Test
  void aBodyThatIsNoJsonIs400() {
    Answer post = stack.budget.post(expensesPath(eventId)).token(lead.token()).raw("{\"name\":").send();
    assertThat(post.status()).as(post.toString()).isEqualTo(400);
    assertThat(post.errorCode()).isNotBlank();
    Answer put = stack.budget.put(expensesPath(eventId) + "/" + expenseId).token(lead.token()).raw("[1,2").send();
    assertThat(put.status()).as(put.toString()).isEqualTo(400);
    Answer realloc = stack.budget.post(budgetPath(eventId) + "/reallocations").token(lead.token()).raw("nope").send();
    assertThat(realloc.status()).as(realloc.toString()).isEqualTo(400);
  }

  @Test
  void badExpenseChangesAre422AndLeaveTheExpense() {
    String before = stack.snapshot(eventId);
    assertRejected(putExpense(eventId, expenseId, new JsonObject()), 422, "body");
    assertRejected(putExpense(eventId, expenseId, new JsonObject().put("amount", "-1")), 422, "amount");
    assertRejected(putExpense(eventId, expenseId, new JsonObject().put("amount", "1.001")), 422, "amount");
    assertRejected(putExpense(eventId, expenseId, new JsonObject().put("name", "")), 422, "name");
    assertRejected(putExpense(eventId, expenseId, new JsonObject().put("paid_status", "overdue")), 422, "paid_status");
    assertRejected(putExpense(eventId, expenseId, new JsonObject().put("currency", "EUR")), 422, "exchange_rate");
    assertRejected(putExpense(eventId, expenseId, new JsonObject().put("exchange_rate", "1.5")), 422, "exchange_rate");
    assertRejected(putExpense(eventId, expenseId, new JsonObject().put("category", "talent")), 422, "category");
    assertRejected(putExpense(eventId, expenseId, new JsonObject().put("budget_category_id", foreignCategoryId)), 422,
        "budget_category_id");
    assertRejected(putExpense(eventId, expenseId, new JsonObject().put("color", "red")), 422, "color");
    assertRejected(putExpense(eventId, expenseId, new JsonObject().put("invoice_file_id", foreignFileId)), 422,
        "invoice_file_id");
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
    assertThat(putExpense(eventId, UUID.randomUUID().toString(), new JsonObject().put("amount", "1.00")).status())
        .isEqualTo(404);
  }

  @Test
  void anUnknownEventIs404AndAMalformedIdIs400() {
    String unknown = UUID.randomUUID().toString();
    assertThat(stack.budget.get(budgetPath(unknown)).token(lead.token()).send().status()).isEqualTo(404);
    assertThat(stack.budget.get(expensesPath(unknown)).token(lead.token()).send().status()).isEqualTo(404);
    assertThat(postExpense(unknown, valid()).status()).isEqualTo(404);
    assertThat(stack.reallocate(lead, unknown, "venue", "production", "1.00").status()).isEqualTo(404);
    Answer malformed = stack.budget.get(budgetPath("nope")).token(lead.token()).send();
    assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
    assertThat(malformed.errorFields()).containsExactly("eventId");
    assertThat(postExpense("nope", valid()).status()).isEqualTo(400);
  }

  @Test
  void badBudgetedAmountsAre422() {
    String path = budgetPath(eventId) + "/categories/marketing";
    String before = stack.snapshot(eventId);
    for (Object amount : List.of(-1, "-0.01", "100.001", "abc", true, 1e15)) {
      Answer answer = stack.budget.put(path).token(lead.token()).json(new JsonObject().put("budgeted_amount", amount)).send();
      assertRejected(answer, 422, "budgeted_amount");
    }
    assertRejected(stack.budget.put(path).token(lead.token()).json(new JsonObject()).send(), 422, "budgeted_amount");
    assertRejected(stack.budget.put(path).token(lead.token())
        .json(new JsonObject().put("budgeted_amount", "10.00").put("currency", "EUR")).send(), 422, "currency");
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
    // Zero is a budgeted amount (nothing planned), unlike for an expense.
    Answer zero = stack.budget.put(budgetPath(eventId) + "/categories/staffing").token(lead.token())
        .json(new JsonObject().put("budgeted_amount", 0)).send();
    assertThat(zero.status()).as(zero.toString()).isEqualTo(200);
    assertThat(zero.json().getJsonObject("category").getString("budgeted")).isEqualTo("0.00");
    assertThat(category(zero.json().getJsonObject("budget"), "staffing").getString("used_percentage")).isNull();
  }

  @Test
  void badReallocationsAre422AndMoveNothing() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 1000)).add(line("production", 500)));
    created(stack.addExpense(lead, event, "venue", "Spent", "600.00"));
    String before = stack.snapshot(event);
    assertRejected(stack.reallocate(lead, event, "venue", "venue", "1.00"), 422, "to");
    assertRejected(stack.reallocate(lead, event, "venue", "production", 0), 422, "amount");
    assertRejected(stack.reallocate(lead, event, "venue", "production", "-5"), 422, "amount");
    assertRejected(stack.reallocate(lead, event, "venue", "production", "1.005"), 422, "amount");
    assertRejected(stack.reallocate(lead, event, "flowers", "production", "1.00"), 422, "from");
    assertRejected(stack.reallocate(lead, event, "talent", "production", "1.00"), 422, "from");
    // Venue has 1,000 budgeted and 600 spent: 400 may go, 400.01 may not.
    Answer tooMuch = stack.reallocate(lead, event, "venue", "production", "400.01");
    assertRejected(tooMuch, 422, "amount");
    assertThat(stack.budget.post(budgetPath(event) + "/reallocations").token(lead.token())
        .json(new JsonObject().put("from", "venue").put("to", "production").put("amount", "1.00")
            .put("reason", "r".repeat(501))).send().status()).isEqualTo(422);
    assertRejected(stack.budget.post(budgetPath(event) + "/reallocations").token(lead.token())
        .json(new JsonObject().put("from", "venue").put("to", "production").put("amount", "1.00").put("approved", true))
        .send(), 422, "approved");
    assertThat(stack.snapshot(event)).isEqualTo(before);
    JsonObject budget = stack.budgetOf(lead, event);
    assertThat(category(budget, "venue").getString("budgeted")).isEqualTo("1000.00");
    assertThat(category(budget, "production").getString("budgeted")).isEqualTo("500.00");

    Answer exactly = stack.reallocate(lead, event, "venue", "production", "400.00");
    assertThat(exactly.status()).as(exactly.toString()).isEqualTo(201);
    assertThat(category(exactly.json().getJsonObject("budget"), "venue").getString("budgeted")).isEqualTo("600.00");
    assertThat(category(exactly.json().getJsonObject("budget"), "production").getString("budgeted")).isEqualTo("900.00");
  }

  @Test
  void aReallocationToACategoryTheEventLacksCreatesIt() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 1000)));
    Answer answer = stack.reallocate(lead, event, "venue", "talent", "250.50");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonObject reallocation = answer.json().getJsonObject("reallocation");
    assertThat(reallocation.getString("id")).isNotBlank();
    assertThat(reallocation.getString("amount")).isEqualTo("250.50");
    assertThat(reallocation.getString("created_by")).isEqualTo(lead.id().toString());
    JsonObject budget = stack.budgetOf(lead, event);
    assertThat(answer.json().getJsonObject("budget")).isEqualTo(budget);
    assertThat(category(budget, "talent").getString("budgeted")).isEqualTo("250.50");
    assertThat(category(budget, "talent").getString("actual")).isEqualTo("0.00");
    assertThat(category(budget, "venue").getString("budgeted")).isEqualTo("749.50");
    assertThat(budget.getString("total_budgeted")).isEqualTo("1000.00");
  }

  @Test
  void anExpenseInAnotherCurrencyCountsAtItsRateToTheCent() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 45000)).add(line("catering", 9000)));
    BigDecimal before = actual(event, "catering");
    BigDecimal amount = new BigDecimal("1234.57");
    BigDecimal rate = new BigDecimal("1.08346083");
    Answer answer = postExpense(event, new JsonObject().put("category", "catering").put("name", "Paris caterer")
        .put("amount", amount.toPlainString()).put("currency", "EUR").put("exchange_rate", rate.toPlainString()));
    JsonObject expense = created(answer);
    // 1234.57 × 1.08346083 = 1337.60823… → 1337.61
    BigDecimal converted = amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    assertThat(converted).isEqualTo(new BigDecimal("1337.61"));
    assertThat(expense.getString("amount")).isEqualTo("1234.57");
    assertThat(expense.getString("currency")).isEqualTo("EUR");
    assertThat(new BigDecimal(expense.getString("exchange_rate"))).isEqualByComparingTo(rate);
    assertThat(expense.getString("amount_in_event_currency")).isEqualTo(converted.toPlainString());
    assertThat(actual(event, "catering")).isEqualTo(before.add(converted));
    assertThat(category(answer.json().getJsonObject("budget"), "catering").getString("actual"))
        .isEqualTo(before.add(converted).toPlainString());
    assertThat(answer.json().getJsonObject("budget").getString("currency")).isEqualTo("USD");

    // A half cent rounds up: 0.05 × 1.5 = 0.075 → 0.08.
    JsonObject half = created(postExpense(event, new JsonObject().put("category", "catering").put("name", "Tip")
        .put("amount", "0.05").put("currency", "GBP").put("exchange_rate", "1.5")));
    assertThat(half.getString("amount_in_event_currency")).isEqualTo("0.08");
    assertThat(actual(event, "catering")).isEqualTo(before.add(converted).add(new BigDecimal("0.08")));

    // An expense in the event's own currency counts as it is.
    JsonObject own = created(postExpense(event, new JsonObject().put("category", "catering").put("name", "Water")
        .put("amount", 19.99).put("currency", "USD")));
    assertThat(own.getString("amount_in_event_currency")).isEqualTo("19.99");
    assertThat(own.getValue("exchange_rate")).isNull();
    BigDecimal withOwn = before.add(converted).add(new BigDecimal("0.08")).add(new BigDecimal("19.99"));
    assertThat(actual(event, "catering")).isEqualTo(withOwn);

    // Changed to another currency, it is converted again: 19.99 × 1.5 = 29.985 → 29.99; and back.
    Answer toPounds = putExpense(event, own.getString("id"), new JsonObject().put("currency", "GBP").put("exchange_rate", 1.5));
    assertThat(toPounds.status()).as(toPounds.toString()).isEqualTo(200);
    assertThat(toPounds.json().getJsonObject("expense").getString("amount_in_event_currency")).isEqualTo("29.99");
    assertThat(actual(event, "catering")).isEqualTo(withOwn.add(new BigDecimal("10.00")));
    Answer back = putExpense(event, own.getString("id"), new JsonObject().put("currency", "USD").putNull("exchange_rate"));
    assertThat(back.status()).as(back.toString()).isEqualTo(200);
    assertThat(back.json().getJsonObject("expense").getString("amount_in_event_currency")).isEqualTo("19.99");
    assertThat(actual(event, "catering")).isEqualTo(withOwn);
  }

  @Test
  void everyFieldOfAnExpenseIsStoredAndShownAsSent() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 45000)).add(line("production", 75000)));
    String production = stack.categoryOf(lead, event, "production").getString("id");
    String fileId = stack.uploadDocument(lead, event);
    String name = "n".repeat(200);
    Answer answer = postExpense(event, new JsonObject().put("budget_category_id", production).put("name", name)
        .put("amount", 45000).put("vendor_name", "Lumen Rentals").put("invoice_url", "https://example.com/inv/42")
        .put("invoice_file_id", fileId).put("paid_status", "paid").put("due_date", "2027-08-01T12:00:00Z"));
    JsonObject expense = created(answer);
    assertThat(answer.json().getString("expense_id")).isEqualTo(expense.getString("id"));
    assertThat(answer.json().getBoolean("success")).isTrue();
    assertThat(expense.getString("event_id")).isEqualTo(event);
    assertThat(expense.getString("budget_category_id")).isEqualTo(production);
    assertThat(expense.getString("category")).isEqualTo("production");
    assertThat(expense.getString("name")).isEqualTo(name);
    assertThat(expense.getString("amount")).isEqualTo("45000.00");
    assertThat(expense.getString("currency")).isEqualTo("USD");
    assertThat(expense.getString("amount_in_event_currency")).isEqualTo("45000.00");
    assertThat(expense.getString("vendor_name")).isEqualTo("Lumen Rentals");
    assertThat(expense.getString("invoice_url")).isEqualTo("https://example.com/inv/42");
    assertThat(expense.getString("invoice_file_id")).isEqualTo(fileId);
    assertThat(expense.getString("paid_status")).isEqualTo("paid");
    assertThat(expense.getBoolean("overdue")).isFalse();
    assertThat(java.time.OffsetDateTime.parse(expense.getString("due_date")).toInstant())
        .isEqualTo(Instant.parse("2027-08-01T12:00:00Z"));
    assertThat(expense.getString("created_by")).isEqualTo(lead.id().toString());
    assertThat(expense(event, expense.getString("id"))).isEqualTo(expense);
    assertThat(answer.json().getJsonObject("budget")).isEqualTo(stack.budgetOf(lead, event));
  }

  @Test
  void anExpenseThatWouldTakeItsCategoryPastTheMaximumIs422() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 45000)));
    created(stack.addExpense(lead, event, "venue", "Everything", "999999999999.99"));
    String before = stack.snapshot(event);
    assertRejected(stack.addExpense(lead, event, "venue", "One cent more", "0.01"), 422, "amount");
    assertThat(stack.snapshot(event)).isEqualTo(before);
  }

  @Test
  void anOlderOfflineBudgetedAmountDoesNotOverwriteANewerOne() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 45000)));
    String path = budgetPath(event) + "/categories/venue";
    Instant now = Instant.now();
    Answer newer = stack.budget.put(path).token(lead.token()).header("X-Client-Timestamp", now.minusSeconds(60).toString())
        .json(new JsonObject().put("budgeted_amount", "50000.00")).send();
    assertThat(newer.json().getJsonArray("updated_fields")).containsExactly("budgeted_amount");
    Answer stale = stack.budget.put(path).token(lead.token()).header("X-Client-Timestamp", now.minusSeconds(600).toString())
        .json(new JsonObject().put("budgeted_amount", "40000.00")).send();
    assertThat(stale.status()).as(stale.toString()).isEqualTo(200);
    assertThat(stale.json().getJsonArray("superseded_fields")).containsExactly("budgeted_amount");
    assertThat(stale.json().getJsonObject("category").getString("budgeted")).isEqualTo("50000.00");
    assertThat(stack.categoryOf(lead, event, "venue").getString("budgeted")).isEqualTo("50000.00");
  }

  @Test
  void changingAndDeletingAnExpenseMovesTheActualsExactly() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 45000)).add(line("production", 75000)));
    created(stack.addExpense(lead, event, "venue", "Stays", "0.01"));
    String id = created(stack.addExpense(lead, event, "venue", "Moves", "100.10")).getString("id");
    assertThat(actual(event, "venue")).isEqualTo(new BigDecimal("100.11"));

    Answer raised = putExpense(event, id, new JsonObject().put("amount", "250.25"));
    assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
    assertThat(raised.json().getJsonArray("updated_fields")).containsExactly("amount");
    assertThat(raised.json().getJsonArray("superseded_fields")).isEmpty();
    assertThat(raised.json().getJsonObject("expense").getString("amount")).isEqualTo("250.25");
    assertThat(category(raised.json().getJsonObject("budget"), "venue").getString("actual")).isEqualTo("250.26");
    assertThat(actual(event, "venue")).isEqualTo(new BigDecimal("250.26"));

    Answer moved = putExpense(event, id, new JsonObject().put("category", "production").put("amount", "99.99"));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().getJsonObject("expense").getString("category")).isEqualTo("production");
    assertThat(actual(event, "venue")).isEqualTo(new BigDecimal("0.01"));
    assertThat(actual(event, "production")).isEqualTo(new BigDecimal("99.99"));

    Answer deleted = stack.budget.delete(expensesPath(event) + "/" + id).token(lead.token()).send();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().getBoolean("success")).isTrue();
    assertThat(category(deleted.json().getJsonObject("budget"), "production").getString("actual")).isEqualTo("0.00");
    assertThat(actual(event, "production")).isEqualTo(new BigDecimal("0.00"));
    assertThat(actual(event, "venue")).isEqualTo(new BigDecimal("0.01"));
    assertThat(stack.budget.delete(expensesPath(event) + "/" + id).token(lead.token()).send().status()).isEqualTo(404);
    assertThat(listExpenses(event, "").getLong("total")).isEqualTo(1);
  }

  @Test
  void expensesFilterByCategoryAndPaidStatusNewestFirst() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 45000)).add(line("production", 75000)));
    String first = created(stack.addExpense(lead, event, "venue", "Pending venue", "1.00")).getString("id");
    String paid = created(postExpense(event, new JsonObject().put("category", "venue").put("name", "Paid venue")
        .put("amount", "2.00").put("paid_status", "paid"))).getString("id");
    String production = created(stack.addExpense(lead, event, "production", "Pending production", "3.00")).getString("id");

    JsonObject all = listExpenses(event, "");
    assertThat(all.getLong("total")).isEqualTo(3);
    assertThat(ids(all)).containsExactly(production, paid, first);
    assertThat(ids(listExpenses(event, "?category=venue"))).containsExactly(paid, first);
    assertThat(ids(listExpenses(event, "?paid_status=paid"))).containsExactly(paid);
    assertThat(ids(listExpenses(event, "?paid_status=pending"))).containsExactly(production, first);
    assertThat(ids(listExpenses(event, "?category=venue&paid_status=pending"))).containsExactly(first);
    assertThat(listExpenses(event, "?category=talent").getLong("total")).isZero();
    assertThat(listExpenses(event, "?category=venue").getLong("total")).isEqualTo(2);
    assertThat(stack.budget.get(expensesPath(event) + "?category=flowers").token(lead.token()).send().status())
        .isBetween(400, 422);
    assertThat(stack.budget.get(expensesPath(event) + "?paid_status=settled").token(lead.token()).send().status())
        .isBetween(400, 422);
  }

  private static List<String> ids(JsonObject list) {
    return list.getJsonArray("expenses").stream().map(e -> ((JsonObject) e).getString("id")).toList();
  }

  @Test
  void anUnpaidExpensePastItsDueDateIsOverdueUntilPaid() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 45000)));
    String late = created(postExpense(event, new JsonObject().put("category", "venue").put("name", "Late invoice")
        .put("amount", "1500.00").put("due_date", "2020-01-01T00:00:00Z"))).getString("id");
    String future = created(postExpense(event, new JsonObject().put("category", "venue").put("name", "Future invoice")
        .put("amount", "10.00").put("due_date", Instant.now().plusSeconds(86400 * 30).toString()))).getString("id");

    JsonObject listed = expense(event, late);
    assertThat(listed.getBoolean("overdue")).isTrue();
    assertThat(listed.getString("paid_status")).isEqualTo("pending");
    assertThat(expense(event, future).getBoolean("overdue")).isFalse();
    assertThat(ids(listExpenses(event, "?paid_status=overdue"))).containsExactly(late);
    List<JsonObject> overdue = overdueAlerts(stack.budgetOf(lead, event));
    assertThat(overdue).hasSize(1);
    assertThat(overdue.get(0).getString("expense_id")).isEqualTo(late);
    assertThat(overdue.get(0).getString("severity")).isEqualTo("red");
    assertThat(overdue.get(0).getString("amount")).isEqualTo("1500.00");

    Answer paid = putExpense(event, late, new JsonObject().put("paid_status", "paid"));
    assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
    assertThat(paid.json().getJsonObject("expense").getBoolean("overdue")).isFalse();
    assertThat(overdueAlerts(paid.json().getJsonObject("budget"))).isEmpty();
    assertThat(expense(event, late).getBoolean("overdue")).isFalse();
    assertThat(overdueAlerts(stack.budgetOf(lead, event))).isEmpty();
    assertThat(listExpenses(event, "?paid_status=overdue").getLong("total")).isZero();
  }

  private static JsonObject expense(String event, String id) {
    return listExpenses(event, "").getJsonArray("expenses").stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("id").equals(id)).findFirst().orElseThrow();
  }

  private static List<JsonObject> overdueAlerts(JsonObject budget) {
    return budget.getJsonArray("alerts").stream().map(JsonObject.class::cast)
        .filter(a -> "expense_overdue".equals(a.getString("kind"))).toList();
  }

  @Test
  void aReplayedExpenseWithTheSameIdempotencyKeyIsAddedOnce() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 45000)));
    String key = UUID.randomUUID().toString();
    JsonObject body = valid().put("amount", "321.09");
    Answer first = stack.budget.post(expensesPath(event)).token(lead.token()).header("Idempotency-Key", key).json(body).send();
    Answer replay = stack.budget.post(expensesPath(event)).token(lead.token()).header("Idempotency-Key", key).json(body).send();
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
    assertThat(replay.json()).isEqualTo(first.json());
    assertThat(listExpenses(event, "").getLong("total")).isEqualTo(1);
    assertThat(actual(event, "venue")).isEqualTo(new BigDecimal("321.09"));
    Answer other = stack.budget.post(expensesPath(event)).token(lead.token()).header("Idempotency-Key", key)
        .json(valid().put("amount", "1.00")).send();
    assertThat(other.status()).as(other.toString()).isEqualTo(422);
    assertThat(listExpenses(event, "").getLong("total")).isEqualTo(1);
  }

  @Test
  void anOlderOfflineAmountDoesNotOverwriteANewerOne() {
    String event = stack.createEvent(lead, new JsonArray().add(line("venue", 45000)));
    Instant created = Instant.now().minusSeconds(7200);
    String id = created(stack.budget.post(expensesPath(event)).token(lead.token())
        .header("X-Client-Timestamp", created.toString()).json(valid().put("amount", "100.00")).send()).getString("id");
    Answer newer = stack.budget.put(expensesPath(event) + "/" + id).token(lead.token())
        .header("X-Client-Timestamp", created.plusSeconds(3600).toString())
        .json(new JsonObject().put("amount", "200.00")).send();
    assertThat(newer.json().getJsonArray("updated_fields")).containsExactly("amount");
    Answer stale = stack.budget.put(expensesPath(event) + "/" + id).token(lead.token())
        .header("X-Client-Timestamp", created.plusSeconds(600).toString())
        .json(new JsonObject().put("amount", "50.00").put("name", "Renamed offline")).send();
    assertThat(stale.status()).as(stale.toString()).isEqualTo(200);
    assertThat(stale.json().getJsonArray("superseded_fields")).containsExactly("amount");
    assertThat(stale.json().getJsonArray("updated_fields")).containsExactly("name");
    JsonObject kept = expense(event, id);
    assertThat(kept.getString("amount")).isEqualTo("200.00");
    assertThat(kept.getString("name")).isEqualTo("Renamed offline");
    assertThat(actual(event, "venue")).isEqualTo(new BigDecimal("200.00"));
  }
}
