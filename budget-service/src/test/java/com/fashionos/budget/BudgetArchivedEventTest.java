package com.fashionos.budget;

import static com.fashionos.budget.BudgetStack.budgetPath;
import static com.fashionos.budget.BudgetStack.expensesPath;
import static com.fashionos.budget.BudgetStack.line;
import static com.fashionos.budget.BudgetStack.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An archived event's budget is read-only: categories, expenses and reallocations answer 409
 * {@code event_archived} and nothing is written; reads still work; after a restore the same
 * changes go through. The event is archived through events-service.
 */
@ExtendWith(TestEngines.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BudgetArchivedEventTest {
  private static BudgetStack stack;
  private static User lead;
  private static User editor;
  private static String eventId;
  private static String expenseId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new BudgetStack(engines);
    lead = stack.users.create("Lead");
    editor = stack.users.create("Editor");
    stack.signIn(lead);
    stack.signIn(editor);
    eventId = stack.createEvent(lead, new JsonArray().add(line("venue", 10000)).add(line("marketing", 20000)),
        member(editor, "marketing_lead", "edit"));
    expenseId = stack.addExpense(lead, eventId, "venue", "Deposit", "500.00").json().getString("expense_id");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** Every change to the budget, each by someone allowed to make it on a live event. */
  private static Map<String, Supplier<Answer>> changes() {
    Map<String, Supplier<Answer>> changes = new LinkedHashMap<>();
    changes.put("post expense", () -> stack.addExpense(editor, eventId, "venue", "Catering", "75.00"));
    changes.put("put expense", () -> stack.budget.put(expensesPath(eventId) + "/" + expenseId).token(editor.token())
        .json(new JsonObject().put("amount", "12.34")).send());
    changes.put("put budget category", () -> stack.budget.put(budgetPath(eventId) + "/categories/marketing")
        .token(lead.token()).json(new JsonObject().put("budgeted_amount", "25000.00")).send());
    changes.put("post reallocation", () -> stack.reallocate(lead, eventId, "marketing", "venue", "100.00"));
    changes.put("delete expense", () -> stack.budget.delete(expensesPath(eventId) + "/" + expenseId).token(lead.token()).send());
    return changes;
  }

  @Test
  void anArchivedEventsBudgetIsReadOnlyUntilItIsRestored() {
    setArchived(true);
    String before = stack.snapshot(eventId);
    changes().forEach((action, call) -> {
      Answer answer = call.get();
      assertThat(answer.status()).as(action + ": " + answer).isEqualTo(409);
      assertThat(answer.errorCode()).as(action).isEqualTo("event_archived");
    });
    assertThat(stack.snapshot(eventId)).as("nothing was written").isEqualTo(before);
    assertThat(stack.budget.get(budgetPath(eventId)).token(editor.token()).send().status()).isEqualTo(200);
    assertThat(stack.budget.get(expensesPath(eventId)).token(editor.token()).send().status()).isEqualTo(200);

    setArchived(false);
    Map<String, Integer> expected = Map.of("post expense", 201, "put expense", 200, "put budget category", 200,
        "post reallocation", 201, "delete expense", 200);
    changes().forEach((action, call) -> {
      Answer answer = call.get();
      assertThat(answer.status()).as(action + " after the restore: " + answer).isEqualTo(expected.get(action));
    });
    assertThat(stack.snapshot(eventId)).isNotEqualTo(before);
  }

  /** Archives or restores the event through events-service and waits until budget-service knows. */
  private static void setArchived(boolean archived) {
    String path = "/api/v1/events/" + eventId;
    Answer answer = archived ? stack.events.delete(path).token(lead.token()).send()
        : stack.events.post(path + "/restore").token(lead.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    Eventually.eventually("budget-service's read model to see the event " + (archived ? "archived" : "restored"),
        () -> stack.sql("SELECT status FROM events WHERE id = $1", UUID.fromString(eventId)).get(0).getString("status"),
        status -> archived == status.equals("archived"));
  }
}
