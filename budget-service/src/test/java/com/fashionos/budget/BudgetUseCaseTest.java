package com.fashionos.budget;

import static com.fashionos.budget.BudgetStack.category;
import static com.fashionos.budget.BudgetStack.line;
import static com.fashionos.budget.BudgetStack.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spec Use Case 3, through the API, to the cent. */
@ExtendWith(TestEngines.class)
class BudgetUseCaseTest {
  private static BudgetStack stack;
  private static User sarah;
  private static User marcus;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new BudgetStack(engines);
    sarah = stack.users.create("Sarah Chen");
    marcus = stack.users.create("Marcus Webb");
    stack.signIn(sarah);
    stack.signIn(marcus);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void expensesLandTheOverrunIsCaughtAndOneReallocationBalancesIt() {
    String eventId = stack.createEvent(sarah, new JsonArray()
            .add(line("venue", 45000)).add(line("production", 75000)).add(line("marketing", "25000.00")),
        member(marcus, "production_manager", "edit"));

    // 1-2. Marcus adds the venue rental: venue 100% used, amber.
    TestApi.Answer venue = stack.addExpense(marcus, eventId, "venue", "Venue Rental", 45000);
    assertThat(venue.status()).as(venue.toString()).isEqualTo(201);
    JsonObject afterVenue = venue.json().getJsonObject("budget");
    assertThat(category(afterVenue, "venue").getString("used_percentage")).isEqualTo("100.0");
    assertThat(afterVenue.getJsonArray("alerts").getJsonObject(0).getString("kind")).isEqualTo("category_near_limit");

    // 3-4. Lighting: production 20,000 of 75,000 = 26.7% used.
    assertThat(stack.addExpense(marcus, eventId, "production", "Lighting Package", "20000.00").status()).isEqualTo(201);
    // Marketing spends 20,000 of its 25,000: 20% under.
    assertThat(stack.addExpense(marcus, eventId, "marketing", "Launch campaign", 20000).status()).isEqualTo(201);
    // 5-6. Additional lights: 80,000 of 75,000 = +6.7% over.
    TestApi.Answer lights = stack.addExpense(marcus, eventId, "production", "Additional Lights", 60000);
    assertThat(lights.status()).isEqualTo(201);
    JsonObject over = lights.json().getJsonObject("budget");
    JsonObject production = category(over, "production");
    assertThat(production.getString("actual")).isEqualTo("80000.00");
    assertThat(production.getString("variance")).isEqualTo("5000.00");
    assertThat(production.getString("variance_percentage")).isEqualTo("6.7");
    assertThat(over.getString("total_actual")).isEqualTo("145000.00");
    assertThat(over.getString("total_budgeted")).isEqualTo("145000.00");

    // 7-8. Sarah sees the red alert.
    JsonObject budget = stack.budgetOf(sarah, eventId);
    JsonObject red = budget.getJsonArray("alerts").stream().map(JsonObject.class::cast)
        .filter(a -> "category_over_budget".equals(a.getString("kind"))).findFirst().orElseThrow();
    assertThat(red.getString("severity")).isEqualTo("red");
    assertThat(red.getString("message")).isEqualTo("Production 6.7% over budget (5,000.00 over 75,000.00)");
    // 9. The suggestion: marketing is 20% under, move 5,000.
    JsonObject suggestion = budget.getJsonArray("suggestions").getJsonObject(0);
    assertThat(suggestion.getString("from")).isEqualTo("marketing");
    assertThat(suggestion.getString("to")).isEqualTo("production");
    assertThat(suggestion.getString("amount")).isEqualTo("5000.00");
    assertThat(suggestion.getString("reason")).startsWith("Marketing is 20.0% under budget");

    // 10-11. One click applies it: both categories move, the budget balances.
    TestApi.Answer applied = stack.budget.post("/api/v1/events/" + eventId + "/budget/reallocations").token(sarah.token())
        .json(new JsonObject().put("from", suggestion.getString("from")).put("to", suggestion.getString("to"))
            .put("amount", suggestion.getString("amount")).put("reason", "Approved in the command center")).send();
    assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
    JsonObject balanced = applied.json().getJsonObject("budget");
    assertThat(category(balanced, "production").getString("budgeted")).isEqualTo("80000.00");
    assertThat(category(balanced, "production").getString("variance")).isEqualTo("0.00");
    assertThat(category(balanced, "marketing").getString("budgeted")).isEqualTo("20000.00");
    assertThat(balanced.getString("total_budgeted")).isEqualTo("145000.00");
    assertThat(balanced.getJsonArray("alerts").stream().map(JsonObject.class::cast))
        .noneMatch(a -> "red".equals(a.getString("severity")));
    assertThat(balanced.getJsonArray("suggestions")).isEmpty();
    assertThat(stack.budgetOf(marcus, eventId)).isEqualTo(balanced);
  }
}
