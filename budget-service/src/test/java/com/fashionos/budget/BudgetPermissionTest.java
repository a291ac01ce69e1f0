package com.fashionos.budget;

import static com.fashionos.budget.BudgetStack.budgetPath;
import static com.fashionos.budget.BudgetStack.expensesPath;
import static com.fashionos.budget.BudgetStack.line;
import static com.fashionos.budget.BudgetStack.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.math.BigDecimal;
import java.util.ArrayList;
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
 * The permission matrix for budgets, cell by cell: team members read; editors (lead, admin,
 * edit) add, change and delete expenses; only the lead (role event_lead or permissions admin)
 * changes budgeted amounts and reallocates; view_only only reads; outsiders get 404. A refused
 * call writes nothing, and the database refuses the same on its own (row level security).
 */
@ExtendWith(TestEngines.class)
class BudgetPermissionTest {
  private static final List<String> SUBJECTS = List.of("lead", "admin", "edit", "view_only", "outsider");
  private static BudgetStack stack;
  private static User lead;
  private static User admin;
  private static User editor;
  private static User viewer;
  private static User outsider;
  private static String eventId;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new BudgetStack(engines);
    lead = stack.users.create("Lead");
    admin = stack.users.create("Admin");
    editor = stack.users.create("Editor");
    viewer = stack.users.create("Viewer");
    outsider = stack.users.create("Outsider");
    Stream.of(lead, admin, editor, viewer, outsider).forEach(stack::signIn);
    eventId = stack.createEvent(lead, new JsonArray()
            .add(line("venue", 10000)).add(line("production", 50000)).add(line("marketing", 20000)),
        member(admin, "production_manager", "admin"), member(editor, "marketing_lead", "edit"),
        member(viewer, "custom", "view_only"));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static User who(String subject) {
    return switch (subject) {
      case "lead" -> lead;
      case "admin" -> admin;
      case "edit" -> editor;
      case "view_only" -> viewer;
      default -> outsider;
    };
  }

  /** What each subject may do: read (members), write expenses (editors), move money (the lead). */
  private static int expected(String subject, String action) {
    if (subject.equals("outsider")) return 404;
    return switch (action) {
      case "get budget", "get expenses", "get expense", "get reallocations" -> 200;
      case "post expense" -> subject.equals("view_only") ? 403 : 201;
      case "put expense", "delete expense" -> subject.equals("view_only") ? 403 : 200;
      case "put budget category" -> subject.equals("lead") || subject.equals("admin") ? 200 : 403;
      case "post reallocation" -> subject.equals("lead") || subject.equals("admin") ? 201 : 403;
      default -> throw new IllegalArgumentException(action);
    };
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cells = new ArrayList<>();
    for (String action : List.of("get budget", "get expenses", "get expense", "get reallocations", "post expense", "put expense", "delete expense",
        "put budget category", "post reallocation")) {
      for (String subject : SUBJECTS) cells.add(Arguments.of(subject, action, expected(subject, action)));
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("matrix")
  void cell(String subject, String action, int expected) {
    User user = who(subject);
    String target = stack.addExpense(lead, eventId, "venue", "Target of " + subject + " " + action, "10.00")
        .json().getString("expense_id");
    String marketing = stack.categoryOf(lead, eventId, "marketing").getString("budgeted");
    String before = stack.snapshot(eventId);
    Answer answer = switch (action) {
      case "get budget" -> stack.budget.get(budgetPath(eventId)).token(user.token()).send();
      case "get expenses" -> stack.budget.get(expensesPath(eventId)).token(user.token()).send();
      case "get expense" -> stack.budget.get(expensesPath(eventId) + "/" + target).token(user.token()).send();
      case "get reallocations" -> stack.budget.get(budgetPath(eventId) + "/reallocations").token(user.token()).send();
      case "post expense" -> stack.addExpense(user, eventId, "venue", "New by " + subject, "5.00");
      case "put expense" -> stack.budget.put(expensesPath(eventId) + "/" + target).token(user.token())
          .json(new JsonObject().put("amount", "12.34")).send();
      case "delete expense" -> stack.budget.delete(expensesPath(eventId) + "/" + target).token(user.token()).send();
      case "put budget category" -> stack.budget.put(budgetPath(eventId) + "/categories/marketing").token(user.token())
          .json(new JsonObject().put("budgeted_amount", new BigDecimal(marketing).add(BigDecimal.ONE).toPlainString()))
          .send();
      case "post reallocation" -> stack.reallocate(user, eventId, "production", "marketing", "1.00");
      default -> throw new IllegalArgumentException(action);
    };
    assertThat(answer.status()).as(answer.toString()).isEqualTo(expected);
    String after = stack.snapshot(eventId);
    if (expected >= 400 || action.startsWith("get ")) {
      assertThat(after).as("a refused call or a read writes nothing").isEqualTo(before);
    } else {
      assertThat(after).as("an allowed change is stored").isNotEqualTo(before);
    }
    if (expected == 200 && action.startsWith("get ")) {
      String path = switch (action) {
        case "get budget" -> budgetPath(eventId);
        case "get expenses" -> expensesPath(eventId);
        case "get expense" -> expensesPath(eventId) + "/" + target;
        default -> budgetPath(eventId) + "/reallocations";
      };
      assertThat(answer.json()).as("a reader sees the event's budget")
          .isEqualTo(stack.budget.get(path).token(lead.token()).send().json());
    }
  }

  @Test
  void anExpenseOfAnotherEventIsNotFoundThroughThisOne() {
    String other = stack.createEvent(lead, new JsonArray().add(line("venue", 100)));
    String foreign = stack.addExpense(lead, other, "venue", "Elsewhere", "3.00").json().getString("expense_id");
    String before = stack.snapshot(other);
    assertThat(stack.budget.put(expensesPath(eventId) + "/" + foreign).token(lead.token())
        .json(new JsonObject().put("amount", "4.00")).send().status()).isEqualTo(404);
    assertThat(stack.budget.delete(expensesPath(eventId) + "/" + foreign).token(lead.token()).send().status())
        .isEqualTo(404);
    assertThat(stack.budget.get(expensesPath(eventId) + "/" + foreign).token(lead.token()).send().status()).isEqualTo(404);
    assertThat(stack.snapshot(other)).isEqualTo(before);
  }

  @Test
  void rowLevelSecurityHidesTheBudgetFromOutsidersEvenInSql() {
    UUID event = UUID.fromString(eventId);
    stack.addExpense(editor, eventId, "marketing", "Seen by the team", "7.00");
    for (String table : List.of("event_budget_categories", "expenses")) {
      String count = "SELECT count(*) AS n FROM " + table + " WHERE event_id = $1";
      assertThat(stack.sqlAs(outsider.id(), count, event).get(0).getLong("n")).as(table).isZero();
      assertThat(stack.sqlAs(viewer.id(), count, event).get(0).getLong("n")).as(table).isPositive();
    }
  }

  @Test
  void theDatabaseRefusesAViewOnlyMembersExpense() {
    UUID event = UUID.fromString(eventId);
    UUID venue = UUID.fromString(stack.categoryOf(lead, eventId, "venue").getString("id"));
    String insert = "INSERT INTO expenses (event_id, budget_category_id, name, amount, currency, amount_in_event_currency)"
        + " VALUES ($1, $2, $3, 1.00, 'USD', 0) RETURNING id";
    String before = stack.snapshot(eventId);
    assertThatThrownBy(() -> stack.sqlAs(viewer.id(), insert, event, venue, "Sneaky"))
        .hasMessageContaining("row-level security");
    // An outsider is refused too (the currency trigger, which cannot see the event's budget, fails first).
    assertThatThrownBy(() -> stack.sqlAs(outsider.id(), insert, event, venue, "Sneakier"))
        .isInstanceOf(PgException.class);
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
    // The same statement is fine for an editor: it is the policy that refused it, not the SQL.
    assertThat(stack.sqlAs(editor.id(), insert, event, venue, "Allowed")).hasSize(1);
  }

  @Test
  void theDatabaseRefusesAnEditorsChangeOfABudgetedAmount() {
    String venue = stack.categoryOf(lead, eventId, "venue").getString("id");
    String raise = "UPDATE event_budget_categories SET budgeted_amount = budgeted_amount + 1000 WHERE id = $1 RETURNING id";
    String before = stack.snapshot(eventId);
    assertThat(stack.sqlAs(editor.id(), raise, UUID.fromString(venue))).isEmpty();
    assertThat(stack.sqlAs(viewer.id(), raise, UUID.fromString(venue))).isEmpty();
    assertThat(stack.snapshot(eventId)).isEqualTo(before);
  }
}
