package com.fashionos.budget.rules;

import com.fashionos.platform.change.BudgetCategory;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One budget category of an event as the rules see it: what was budgeted and what the expenses in
 * it add up to, in the event's currency, exact to the cent.
 */
public record CategorySpend(BudgetCategory category, BigDecimal budgeted, BigDecimal actual) {

  /** actual - budgeted: positive when over budget. */
  public BigDecimal variance() {
    return actual.subtract(budgeted);
  }

  /** What is left to spend; zero when at or over budget. */
  public BigDecimal headroom() {
    return budgeted.subtract(actual).max(BigDecimal.ZERO);
  }

  public boolean isOverBudget() {
    return actual.compareTo(budgeted) > 0;
  }

  /** actual / budgeted in percent, one decimal; null for a category with nothing budgeted. */
  public BigDecimal usedPercentage() {
    return percentOf(actual, budgeted);
  }

  /** (actual - budgeted) / budgeted in percent, one decimal, as the spec's variance_percentage. */
  public BigDecimal variancePercentage() {
    return percentOf(variance(), budgeted);
  }

  /** part / whole in percent, rounded half up to one decimal; null when whole is zero. */
  static BigDecimal percentOf(BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) return null;
    return part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
  }
}
