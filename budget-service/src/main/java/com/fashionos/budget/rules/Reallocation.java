package com.fashionos.budget.rules;

import com.fashionos.platform.change.BudgetCategory;
import java.math.BigDecimal;

/** Moving budgeted money from one category to another: a suggestion, or what the lead applies. */
public record Reallocation(BudgetCategory from, BudgetCategory to, BigDecimal amount, String reason) {}
