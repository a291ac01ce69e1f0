package com.fashionos.budget.rules;

import com.fashionos.platform.change.BudgetCategory;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Something about an event's money the team should see. {@code amount} is the overrun (or the
 * unpaid sum), {@code percentage} the overrun or the share used, as the message states them.
 *
 * @param category the category it is about; null for the whole event
 * @param expenseId the overdue expense; null for the other kinds
 */
public record BudgetAlert(Kind kind, Severity severity, BudgetCategory category, UUID expenseId, BigDecimal amount,
    BigDecimal percentage, String message) {

  public enum Kind { CATEGORY_OVER_BUDGET, CATEGORY_NEAR_LIMIT, EXPENSE_OVERDUE, EVENT_OVER_BUDGET }

  public enum Severity { RED, AMBER }
}
