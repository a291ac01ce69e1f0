package com.fashionos.budget;

import static com.fashionos.budget.BudgetStack.line;

import com.fashionos.embedded.Fuzz;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fuzz suite over budget-service's mutating endpoints (a category's budgeted amount, a
 * reallocation, adding and changing an expense): hostile bodies and paths get a 4xx JSON error
 * naming the field, never a 5xx, within the bound, and change nothing of the event's budget
 * (see {@link Fuzz}).
 */
@ExtendWith(TestEngines.class)
class BudgetFuzzTest {
  static BudgetStack stack;
  static User lead;
  static String eventId;
  static String expenseId;
  static String invoiceId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new BudgetStack(engines);
    lead = stack.users.create("Sarah Chen");
    stack.signIn(lead);
    eventId = stack.createEvent(lead, new JsonArray().add(line("venue", 45000)).add(line("production", 75000)));
    invoiceId = stack.uploadDocument(lead, eventId);
    expenseId = stack.addExpense(lead, eventId, "venue", "Deposit", "500.00").json().getJsonObject("expense").getString("id");
  }

  @AfterAll
  static void stop() {
    Fuzz.summary();
    stack.close();
  }

  private static void fuzz(String name, String method, String template, JsonObject valid, Map<String, String> params) {
    Arbitrary<Fuzz.Attack> attacks = Fuzz.endpointAttacks(template, params, valid, Set.of());
    Fuzz.run(name, stack.budget.baseUrl(), method, lead.token(), attacks, () -> stack.snapshot(eventId), Fuzz.TRIES);
  }

  @Test
  void settingABudgetedAmount() {
    fuzz("PUT /budget/categories/{category}", "PUT", "/api/v1/events/{eventId}/budget/categories/{category}",
        new JsonObject().put("budgeted_amount", "50000.00"), Map.of("eventId", eventId, "category", "venue"));
  }

  @Test
  void reallocating() {
    fuzz("POST /budget/reallocations", "POST", "/api/v1/events/{eventId}/budget/reallocations",
        new JsonObject().put("from", "production").put("to", "venue").put("amount", "1.00").put("reason", "Fuzz"),
        Map.of("eventId", eventId));
  }

  @Test
  void addingAnExpense() {
    JsonObject valid = new JsonObject().put("category", "venue").put("name", "Chairs").put("amount", "10.00")
        .put("currency", "EUR").put("exchange_rate", "1.1").put("vendor_name", "Lumen").put("invoice_url", "https://x.example/1")
        .put("invoice_file_id", invoiceId).put("paid_status", "pending").put("due_date", "2027-08-01T12:00:00Z");
    fuzz("POST /expenses", "POST", "/api/v1/events/{eventId}/expenses", valid, Map.of("eventId", eventId));
  }

  @Test
  void changingAnExpense() {
    JsonObject valid = new JsonObject().put("name", "Tables").put("amount", "12.00").put("paid_status", "paid")
        .put("due_date", "2027-09-01T12:00:00Z").put("vendor_name", "Lumen");
    fuzz("PUT /expenses/{expenseId}", "PUT", "/api/v1/events/{eventId}/expenses/{expenseId}", valid,
        Map.of("eventId", eventId, "expenseId", expenseId));
  }
}
