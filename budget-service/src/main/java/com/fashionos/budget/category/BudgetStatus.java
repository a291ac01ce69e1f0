package com.fashionos.budget.category;

import com.fashionos.budget.BudgetChangeRecords;
import com.fashionos.budget.rules.BudgetAlert;
import com.fashionos.budget.rules.BudgetRules;
import com.fashionos.budget.rules.CategorySpend;
import com.fashionos.budget.rules.Reallocation;
import com.fashionos.budget.rules.UnpaidExpense;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.RequestBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event's budget as every screen shows it: totals, categories, the rules' alerts and
 * suggestions. Worked out from the tables on every read; saved and published as the
 * {@code budget_status} row after every change (the event detail follows), and without its
 * categories as the {@code budget_status} resource (the realtime screen follows).
 */
public final class BudgetStatus {
  /** An event whose budget was never set up shows in this currency, with nothing in it. */
  static final String DEFAULT_CURRENCY = "USD";
  private final CategoryRepository categories = new CategoryRepository();

  /** The budget as the caller sees it (row level security applies). */
  public Future<JsonObject> read(SqlConnection conn, UUID eventId) {
    return categories.currency(conn, eventId).compose(currency -> categories.all(conn, eventId)
        .compose(all -> categories.pastDue(conn, eventId).map(due -> summary(eventId,
            currency == null ? DEFAULT_CURRENCY : currency, all, due))));
  }

  /**
   * Saves and publishes the status after a change, as the service (the rules' doing, no actor).
   * Ends the transaction's row level security: call it last. Answers the status.
   */
  public Future<JsonObject> update(Transaction tx, UUID eventId) {
    return read(tx.sql(), eventId).compose(summary -> tx.actAsService()
        .compose(v -> categories.saveStatus(tx.sql(), eventId, summary))
        .compose(rows -> rows == null ? Future.succeededFuture()
            : tx.publishSystemChange(eventId, "budget_status", rows[1] == null ? Operation.INSERT : Operation.UPDATE,
                rows[0], rows[1])
                .compose(v -> tx.publishResourceChange(eventId, BudgetChangeRecords.BUDGET_STATUS, resource(summary),
                    rows[1] == null ? null : resource(rows[1].getJsonObject("summary")), true)))
        .map(summary));
  }

  /** The {@code budget_status} resource: the budget without its categories, each a resource of its own. */
  private static JsonObject resource(JsonObject budget) {
    JsonObject status = budget.copy();
    status.remove("categories");
    return status;
  }

  /**
   * A category the system changed or made ({@code before} null) as the consequence of a person's
   * act (a reallocation, the wizard's event), as row and as resource: no actor.
   */
  public static Future<Void> publishDerivedCategory(Transaction tx, UUID eventId, JsonObject after, JsonObject before) {
    return tx.publishSystemChange(eventId, "event_budget_categories", before == null ? Operation.INSERT : Operation.UPDATE,
            after, before)
        .compose(v -> tx.publishResourceChange(eventId, BudgetChangeRecords.BUDGET_CATEGORY, after, before, true));
  }

  /**
   * Publishes what an expense change did to its categories (the trigger moved their actual
   * amounts): each category from {@code before} ({@link CategoryRepository#lockSpent}) to now, as
   * the change's consequence.
   */
  public Future<Void> publishSpent(Transaction tx, UUID eventId, Map<UUID, JsonObject> before) {
    return categories.views(tx.sql(), before.keySet()).compose(after -> {
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<UUID, JsonObject> category : before.entrySet()) {
        chain = chain.compose(v -> tx.publishResourceChange(eventId, BudgetChangeRecords.BUDGET_CATEGORY,
            after.get(category.getKey()), category.getValue(), true));
      }
      return chain;
    });
  }

  private static JsonObject summary(UUID eventId, String currency, List<CategoryRepository.StoredCategory> all,
      List<CategoryRepository.PastDue> due) {
    List<CategorySpend> spend = all.stream()
        .map(c -> new CategorySpend(c.category(), c.budgeted(), c.actual())).toList();
    List<UnpaidExpense> unpaid = due.stream()
        .map(d -> new UnpaidExpense(d.id(), d.name(), d.amount(), d.dueDate())).toList();
    BigDecimal budgeted = spend.stream().map(CategorySpend::budgeted).reduce(money(BigDecimal.ZERO), BigDecimal::add);
    BigDecimal actual = spend.stream().map(CategorySpend::actual).reduce(money(BigDecimal.ZERO), BigDecimal::add);
    CategorySpend total = new CategorySpend(null, budgeted, actual);
    JsonArray alerts = new JsonArray();
    BudgetRules.alerts(spend, unpaid, Instant.now()).forEach(alert -> alerts.add(json(alert)));
    JsonArray suggestions = new JsonArray();
    BudgetRules.suggestions(spend).forEach(s -> suggestions.add(json(s)));
    return new JsonObject()
        .put("event_id", eventId.toString())
        .put("currency", currency)
        .put("total_budgeted", text(budgeted))
        .put("total_actual", text(actual))
        .put("variance", text(total.variance()))
        .put("variance_percentage", text(total.variancePercentage()))
        .put("categories", new JsonArray(all.stream().map(CategoryRepository.StoredCategory::view).toList()))
        .put("alerts", alerts)
        .put("suggestions", suggestions);
  }

  private static JsonObject json(BudgetAlert alert) {
    return new JsonObject()
        .put("kind", RequestBody.wireName(alert.kind()))
        .put("severity", RequestBody.wireName(alert.severity()))
        .put("category", alert.category() == null ? null : RequestBody.wireName(alert.category()))
        .put("expense_id", alert.expenseId() == null ? null : alert.expenseId().toString())
        .put("amount", text(alert.amount() == null ? null : money(alert.amount())))
        .put("percentage", text(alert.percentage()))
        .put("message", alert.message());
  }

  private static JsonObject json(Reallocation suggestion) {
    return new JsonObject()
        .put("from", RequestBody.wireName(suggestion.from()))
        .put("to", RequestBody.wireName(suggestion.to()))
        .put("amount", text(money(suggestion.amount())))
        .put("reason", suggestion.reason());
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.UNNECESSARY);
  }

  private static String text(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
