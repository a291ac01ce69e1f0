package com.fashionos.budget;

import com.fashionos.platform.change.ResourceChange;

/**
 * budget-service's public change records on {@code fashionos.budget.v1} (version 2,
 * {@link ResourceChange}): each resource exactly as its REST GET answers it, built by the same
 * query. docs/change-records.md and docs/asyncapi.yaml describe them.
 */
public final class BudgetChangeRecords {
  /** A budget category, as {@code GET /api/v1/events/{eventId}/budget} answers it in {@code categories}. */
  public static final ResourceChange.Kind BUDGET_CATEGORY = new ResourceChange.Kind("budget", "budget_category");
  /** An expense, as {@code GET /api/v1/events/{eventId}/expenses/{expenseId}} answers it in {@code expense}. */
  public static final ResourceChange.Kind EXPENSE = new ResourceChange.Kind("budget", "expense");
  /** A reallocation, as {@code GET /api/v1/events/{eventId}/budget/reallocations} answers it in {@code reallocations}. */
  public static final ResourceChange.Kind REALLOCATION = new ResourceChange.Kind("budget", "reallocation");
  /**
   * An event's budget totals, alerts and suggestions: {@code GET /api/v1/events/{eventId}/budget}'s
   * answer without its {@code categories} (each its own resource).
   */
  public static final ResourceChange.Kind BUDGET_STATUS = new ResourceChange.Kind("budget", "budget_status");

  private BudgetChangeRecords() {}
}
