package com.fashionos.budget.expense;

import com.fashionos.platform.change.BudgetCategory;
import com.fashionos.platform.http.RequestBody;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and checks the bodies of expense requests; every bad field gets a 422 naming it. */
final class ExpenseRequests {
  /** The fields a change may set, in the order of {@code update_expense}'s parameters. */
  static final List<String> UPDATABLE = List.of("budget_category_id", "name", "amount", "currency", "exchange_rate",
      "vendor_name", "invoice_url", "invoice_file_id", "paid_status", "due_date");
  /** Where a request names the category by its enum value; resolved to budget_category_id. */
  static final String CATEGORY = "category";
  private static final BigDecimal MIN_AMOUNT = new BigDecimal("0.01");
  private static final BigDecimal MAX_RATE = new BigDecimal("1000000");

  private ExpenseRequests() {}

  static Map<String, Object> newExpense(RequestBody body) {
    Map<String, Object> expense = new LinkedHashMap<>();
    category(body, expense, true);
    expense.put("name", body.string("name", true, 200));
    expense.put("amount", body.decimal("amount", true, MIN_AMOUNT, RequestBody.MAX_MONEY));
    for (String field : List.of("currency", "exchange_rate", "vendor_name", "invoice_url", "invoice_file_id",
        "paid_status", "due_date")) {
      if (body.has(field)) expense.put(field, read(body, field));
    }
    body.validateUnprocessable();
    return expense;
  }

  static Map<String, Object> changes(RequestBody body) {
    Map<String, Object> changes = new LinkedHashMap<>();
    category(body, changes, false);
    for (String field : UPDATABLE) {
      if (!field.equals("budget_category_id") && body.has(field)) changes.put(field, read(body, field));
    }
    if (changes.isEmpty() && !body.hasIssues()) body.fail("body", "must change at least one of " + UPDATABLE);
    body.validateUnprocessable();
    return changes;
  }

  /** The category by its enum value or by id: exactly one of the two. */
  private static void category(RequestBody body, Map<String, Object> into, boolean required) {
    boolean byName = body.has(CATEGORY);
    boolean byId = body.has("budget_category_id");
    if (byName && byId) {
      body.fail(CATEGORY, "give either category or budget_category_id, not both");
    } else if (byName) {
      into.put(CATEGORY, body.enumValue(CATEGORY, BudgetCategory.class, true));
    } else if (byId) {
      into.put("budget_category_id", body.uuid("budget_category_id", true));
    } else if (required) {
      body.fail(CATEGORY, "is required (or budget_category_id)");
    }
  }

  private static Object read(RequestBody body, String field) {
    return switch (field) {
      case "name" -> body.string(field, true, 200);
      case "amount" -> body.decimal(field, true, MIN_AMOUNT, RequestBody.MAX_MONEY);
      case "currency" -> body.currency(field, true);
      case "exchange_rate" -> body.decimal(field, false, new BigDecimal("0.00000001"), MAX_RATE, 8);
      case "vendor_name" -> body.string(field, false, 200);
      case "invoice_url" -> body.string(field, false, 2000);
      case "invoice_file_id" -> body.uuid(field, false);
      case "paid_status" -> body.enumValue(field, PaidStatus.class, true);
      case "due_date" -> body.timestamp(field, false);
      default -> throw new IllegalArgumentException(field);
    };
  }
}
