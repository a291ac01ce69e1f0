package com.fashionos.events.event;

/** An event's life cycle; archived is the soft delete. Travels as the lower-case name. */
public enum EventStatus {
  DRAFT, PLANNING, CONFIRMED, IN_PROGRESS, COMPLETED, ARCHIVED, CANCELLED
}
