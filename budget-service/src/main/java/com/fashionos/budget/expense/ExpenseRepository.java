package com.fashionos.budget.expense;

import com.fashionos.platform.change.BudgetCategory;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.Patch;
import com.fashionos.platform.http.RequestBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL of expenses; statements in {@code ExpenseRepository.sql}. */
final class ExpenseRepository {
  static final NamedStatements SQL = NamedStatements.forClass(ExpenseRepository.class);

  /** An expense locked for a change: its API shape, what the currency rule needs, its field times. */
  record LockedExpense(JsonObject view, String currency, BigDecimal exchangeRate, BigDecimal amount, JsonObject fieldTimes) {}

  Future<JsonObject> list(SqlConnection conn, UUID eventId, BudgetCategory category, String paidStatus) {
    return conn.preparedQuery(SQL.get("list_expenses")).execute(Tuple.from(Arrays.asList(eventId,
            category == null ? null : RequestBody.wireName(category), paidStatus)))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new JsonObject().put("expenses", (JsonArray) row.getValue("expenses")).put("total", row.getLong("total"));
        });
  }

  /** The event's expense in its API shape, or null. */
  Future<JsonObject> view(SqlConnection conn, UUID eventId, UUID expenseId) {
    return conn.preparedQuery(SQL.get("expense_view")).execute(Tuple.of(expenseId, eventId))
        .map(rows -> rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("expense_json"));
  }

  Future<LockedExpense> lock(SqlConnection conn, UUID eventId, UUID expenseId) {
    return conn.preparedQuery(SQL.get("lock_expense")).execute(Tuple.of(expenseId, eventId)).map(rows -> {
      if (rows.rowCount() == 0) return null;
      Row r = rows.iterator().next();
      return new LockedExpense((JsonObject) r.getValue("expense_json"), r.getString("currency"),
          r.getBigDecimal("exchange_rate"), r.getBigDecimal("amount"), (JsonObject) r.getValue("field_times"));
    });
  }

  /** The id of the event's category named so, or null. */
  Future<UUID> categoryNamed(SqlConnection conn, UUID eventId, BudgetCategory category) {
    return conn.preparedQuery(SQL.get("category_by_name")).execute(Tuple.of(eventId, RequestBody.wireName(category)))
        .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  /** The id when it is one of the event's categories, else null. */
  Future<UUID> categoryOfEvent(SqlConnection conn, UUID eventId, UUID categoryId) {
    return conn.preparedQuery(SQL.get("category_by_id")).execute(Tuple.of(eventId, categoryId))
        .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  Future<UUID> insert(SqlConnection conn, UUID eventId, Map<String, Object> expense, UUID createdBy, JsonObject stamps) {
    return conn.preparedQuery(SQL.get("insert_expense")).execute(Tuple.from(Arrays.asList(eventId,
            expense.get("budget_category_id"), expense.get("name"), expense.get("amount"), expense.get("currency"),
            expense.get("exchange_rate"), expense.get("vendor_name"), expense.get("invoice_url"),
            expense.get("invoice_file_id"), Patch.toSql(expense.get("paid_status")), expense.get("due_date"), createdBy, stamps)))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  Future<Void> update(SqlConnection conn, UUID expenseId, Map<String, Object> accepted, JsonObject stamps) {
    List<Object> args = Patch.args(expenseId, ExpenseRequests.UPDATABLE, accepted);
    args.add(stamps);
    return conn.preparedQuery(SQL.get("update_expense")).execute(Tuple.from(args)).mapEmpty();
  }

  Future<Void> delete(SqlConnection conn, UUID expenseId) {
    return conn.preparedQuery(SQL.get("delete_expense")).execute(Tuple.of(expenseId)).mapEmpty();
  }
}
