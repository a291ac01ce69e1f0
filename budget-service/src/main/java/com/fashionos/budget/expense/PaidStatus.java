package com.fashionos.budget.expense;

/** What people set about paying an expense; "overdue" is shown from the due date, never set. */
public enum PaidStatus {
  PENDING, PAID
}
