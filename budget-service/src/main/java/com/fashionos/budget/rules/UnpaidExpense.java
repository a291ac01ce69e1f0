package com.fashionos.budget.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An expense not yet paid, with its due date (null: none). */
public record UnpaidExpense(UUID id, String name, BigDecimal amount, Instant dueDate) {}
