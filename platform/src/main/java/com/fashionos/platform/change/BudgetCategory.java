package com.fashionos.platform.change;

/**
 * The budget categories of an event (spec table 6): chosen in the wizard, carried to budget-service
 * in the event-created record, one row each per event there. Travels as the lower-case name.
 */
public enum BudgetCategory {
  VENUE, PRODUCTION, TALENT, CATERING, MARKETING, STAFFING, MISCELLANEOUS, BUFFER
}
