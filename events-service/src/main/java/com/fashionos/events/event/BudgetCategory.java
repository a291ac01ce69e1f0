package com.fashionos.events.event;

/** Budget categories of the wizard, handed to budget-service in the event-created record. Travels as the lower-case name. */
public enum BudgetCategory {
  VENUE, PRODUCTION, TALENT, CATERING, MARKETING, STAFFING, MISCELLANEOUS, BUFFER
}
