package com.fashionos.budget.expense;

import com.fashionos.budget.BudgetChangeRecords;
import com.fashionos.budget.category.BudgetStatus;
import com.fashionos.budget.category.CategoryRepository;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.change.BudgetCategory;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.FieldClock;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Patch;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiException.FieldIssue;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.http.Responses;
import com.fashionos.platform.membership.Membership;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code /api/v1/events/{eventId}/expenses}: editors add, change and delete; the team reads. */
public final class ExpenseRoutes {
  private static final String TABLE = "expenses";
  private final Database database;
  private final Membership membership;
  private final BudgetStatus status;
  private final InvoiceFiles invoiceFiles;
  private final ExpenseRepository expenses = new ExpenseRepository();
  private final CategoryRepository categories = new CategoryRepository();

  public ExpenseRoutes(Database database, Membership membership, BudgetStatus status, InvoiceFiles invoiceFiles) {
    this.database = database;
    this.membership = membership;
    this.status = status;
    this.invoiceFiles = invoiceFiles;
  }

  public void mount(Router router) {
    router.route("/api/v1/events/:eventId/expenses*").handler(membership::ensureKnown);
    router.get("/api/v1/events/:eventId/expenses").handler(this::list);
    router.post("/api/v1/events/:eventId/expenses").handler(this::create);
    router.get("/api/v1/events/:eventId/expenses/:expenseId").handler(this::detail);
    router.put("/api/v1/events/:eventId/expenses/:expenseId").handler(this::update);
    router.delete("/api/v1/events/:eventId/expenses/:expenseId").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    QueryParams.accept(ctx, "category", "paid_status");
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    BudgetCategory category = QueryParams.enumValue(ctx, "category", BudgetCategory.class);
    String paid = QueryParams.string(ctx, "paid_status", 20);
    if (paid != null && !paid.equals("overdue")) paid = RequestBody.wireName(QueryParams.enumValue(ctx, "paid_status", PaidStatus.class));
    String paidStatus = paid;
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> membership.visible(conn, eventId)
        .compose(v -> expenses.list(conn, eventId, category, paidStatus)).map(ApiResponse::ok)));
  }

  /** One expense, as the list shows it and its change records carry it. */
  private void detail(RoutingContext ctx) {
    QueryParams.accept(ctx);
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID expenseId = QueryParams.pathUuid(ctx, "expenseId");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> membership.visible(conn, eventId)
        .compose(v -> expenses.view(conn, eventId, expenseId)).map(expense -> {
          if (expense == null) throw ApiException.notFound("Expense");
          return ApiResponse.ok(new JsonObject().put("expense", expense));
        })));
  }

  /** 404 for outsiders, 403 for view-only members. */
  private Future<Void> editor(SqlConnection conn, UUID eventId) {
    return membership.visible(conn, eventId).compose(v -> categories.rights(conn, eventId)).map(rights -> {
      if (!rights.editor()) throw ApiException.forbidden("Only editors of the event can change its expenses");
      return null;
    });
  }

  private void create(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    Map<String, Object> expense = ExpenseRequests.newExpense(RequestBody.of(ctx));
    Responses.reply(ctx, invoiceFiles.check(ctx, eventId, expense.get("invoice_file_id"))
        .compose(checked -> database.write(Mutation.from(ctx), tx -> editor(tx.sql(), eventId)
        .compose(v -> resolveCategory(tx.sql(), eventId, expense))
        .compose(v -> categories.currency(tx.sql(), eventId))
        .compose(currency -> {
          expense.putIfAbsent("currency", currency);
          checkCurrency(currency, expense);
          return categories.lockSpent(tx.sql(), eventId, List.of((UUID) expense.get("budget_category_id")));
        })
        .compose(spentBefore -> expenses.insert(tx.sql(), eventId, expense, tx.principal().userId(),
                FieldClock.stamp(ExpenseRequests.UPDATABLE, tx.mutation().actedAt())).recover(ExpenseRoutes::categoryFull)
            .compose(id -> expenses.view(tx.sql(), eventId, id))
            .compose(row -> publish(tx, eventId, row, null, spentBefore)
                .compose(v -> status.update(tx, eventId))
                .map(budget -> ApiResponse.created(new JsonObject().put("expense_id", row.getString("id"))
                    .put("success", true).put("expense", row).put("budget", budget))))))));
  }

  /** Last writer wins per field by acted time, then the currency rule holds for the whole row. */
  private void update(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID expenseId = QueryParams.pathUuid(ctx, "expenseId");
    Map<String, Object> changes = ExpenseRequests.changes(RequestBody.of(ctx));
    Responses.reply(ctx, invoiceFiles.check(ctx, eventId, changes.get("invoice_file_id"))
        .compose(checked -> database.write(Mutation.from(ctx), tx -> editor(tx.sql(), eventId)
        .compose(v -> resolveCategory(tx.sql(), eventId, changes))
        .compose(v -> expenses.lock(tx.sql(), eventId, expenseId))
        .compose(current -> {
          if (current == null) throw ApiException.notFound("Expense");
          Set<String> winners = FieldClock.winners(current.fieldTimes(), changes.keySet(), tx.mutation().actedAt());
          Map<String, Object> accepted = new LinkedHashMap<>();
          winners.forEach(f -> accepted.put(f, changes.get(f)));
          List<String> superseded = changes.keySet().stream().filter(f -> !winners.contains(f)).toList();
          Set<UUID> spent = new LinkedHashSet<>(List.of(UUID.fromString(current.view().getString("budget_category_id"))));
          if (accepted.get("budget_category_id") instanceof UUID moved) spent.add(moved);
          return categories.currency(tx.sql(), eventId).compose(currency -> {
            Map<String, Object> after = new HashMap<>();
            after.put("currency", current.currency());
            after.put("exchange_rate", current.exchangeRate());
            after.put("amount", current.amount());
            after.putAll(accepted);
            checkCurrency(currency, after);
            return categories.lockSpent(tx.sql(), eventId, spent);
          })
              .compose(spentBefore -> (accepted.isEmpty() ? Future.<Void>succeededFuture()
                  : expenses.update(tx.sql(), expenseId, accepted, FieldClock.stamp(accepted.keySet(), tx.mutation().actedAt()))
                      .recover(ExpenseRoutes::categoryFull))
                  .compose(v -> expenses.view(tx.sql(), eventId, expenseId))
                  .compose(row -> publish(tx, eventId, row, current.view(), spentBefore)
                      .compose(v -> tx.publishSuperseded(eventId, TABLE, current.view(), superseded))
                      .compose(v -> status.update(tx, eventId))
                      .map(budget -> ApiResponse.ok(new JsonObject().put("success", true).put("expense", row)
                          .put("budget", budget).put("updated_fields", new JsonArray(Patch.changed(accepted.keySet(), current.view(), row)))
                          .put("superseded_fields", new JsonArray(superseded))))));
        }))));
  }

  private void delete(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID expenseId = QueryParams.pathUuid(ctx, "expenseId");
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> editor(tx.sql(), eventId)
        .compose(v -> expenses.lock(tx.sql(), eventId, expenseId))
        .compose(current -> {
          if (current == null) throw ApiException.notFound("Expense");
          UUID category = UUID.fromString(current.view().getString("budget_category_id"));
          return categories.lockSpent(tx.sql(), eventId, List.of(category))
              .compose(spentBefore -> expenses.delete(tx.sql(), expenseId)
                  .compose(v -> publish(tx, eventId, null, current.view(), spentBefore)))
              .compose(v -> status.update(tx, eventId))
              .map(budget -> ApiResponse.ok(new JsonObject().put("success", true).put("budget", budget)));
        })));
  }

  /**
   * The expense's change (as row and as resource), then what it did to the categories whose
   * actual amounts the trigger moved, from {@code spentBefore}.
   */
  private Future<Void> publish(Transaction tx, UUID eventId, JsonObject after, JsonObject before,
      Map<UUID, JsonObject> spentBefore) {
    Operation operation = before == null ? Operation.INSERT : after == null ? Operation.DELETE : Operation.UPDATE;
    return tx.publishRowChange(eventId, TABLE, operation, after, before)
        .compose(v -> tx.publishResourceChange(eventId, BudgetChangeRecords.EXPENSE, after, before, false))
        .compose(v -> status.publishSpent(tx, eventId, spentBefore));
  }

  /**
   * The trigger that adds an expense to its category overflowed: the category's total would pass
   * the largest amount the budget holds.
   */
  private static <T> Future<T> categoryFull(Throwable failure) {
    if (failure instanceof PgException pg && "22003".equals(pg.getSqlState())) {
      return Future.failedFuture(ApiException.unprocessable("validation_failed",
          "The category's total would pass " + RequestBody.MAX_MONEY.toPlainString(),
          List.of(new FieldIssue("amount", "would take the category's total past " + RequestBody.MAX_MONEY.toPlainString()))));
    }
    return Future.failedFuture(failure);
  }

  /** A category named by its enum value becomes the event's category id; a foreign id is refused. */
  private Future<Void> resolveCategory(SqlConnection conn, UUID eventId, Map<String, Object> fields) {
    if (fields.get(ExpenseRequests.CATEGORY) instanceof BudgetCategory named) {
      fields.remove(ExpenseRequests.CATEGORY);
      return expenses.categoryNamed(conn, eventId, named).map(id -> {
        if (id == null) {
          throw ApiException.unprocessable("no_such_category", "This event's budget has no " + RequestBody.wireName(named)
              + " category; the lead can add one", List.of(new FieldIssue("category", "the event's budget has no such category")));
        }
        fields.put("budget_category_id", id);
        return null;
      });
    }
    if (fields.get("budget_category_id") instanceof UUID id) {
      return expenses.categoryOfEvent(conn, eventId, id).map(found -> {
        if (found == null) {
          throw ApiException.unprocessable("no_such_category", "No budget category of this event has that id",
              List.of(new FieldIssue("budget_category_id", "is not one of this event's budget categories")));
        }
        return null;
      });
    }
    return Future.succeededFuture();
  }

  /**
   * One currency per event: an expense in another one needs the rate it was converted at (and one
   * in the event's currency takes none); the converted amount must fit the budget's range.
   */
  private static void checkCurrency(String eventCurrency, Map<String, Object> expense) {
    if (eventCurrency == null) {
      throw ApiException.unprocessable("no_budget", "This event has no budget yet; the lead can add a category",
          List.of(new FieldIssue("category", "the event's budget has no categories yet")));
    }
    String currency = (String) expense.get("currency");
    BigDecimal rate = (BigDecimal) expense.get("exchange_rate");
    if (currency.equals(eventCurrency) && rate != null) {
      throw ApiException.unprocessable("validation_failed", "An expense in the event's currency takes no exchange rate",
          List.of(new FieldIssue("exchange_rate", "must be absent for an expense in " + eventCurrency)));
    }
    if (!currency.equals(eventCurrency) && rate == null) {
      throw ApiException.unprocessable("currency_mismatch", "The event's budget is in " + eventCurrency
          + "; an expense in " + currency + " needs the exchange rate it was converted at",
          List.of(new FieldIssue("exchange_rate", "is required for an expense in " + currency
              + " (" + eventCurrency + " per 1 " + currency + ")")));
    }
    BigDecimal amount = (BigDecimal) expense.get("amount");
    BigDecimal converted = rate == null ? amount : amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    if (converted.compareTo(RequestBody.MAX_MONEY) > 0) {
      throw ApiException.unprocessable("validation_failed", "The amount in " + eventCurrency + " is too large",
          List.of(new FieldIssue("amount", "comes to more than " + RequestBody.MAX_MONEY.toPlainString() + " " + eventCurrency)));
    }
  }
}
