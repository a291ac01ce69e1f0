package com.fashionos.tasks.task;

/** The five phases of an event's plan. Travels as the lower-case name. */
public enum TaskPhase {
  PRE_PRODUCTION, VENUE_LOGISTICS, CREATIVE_DESIGN, ON_SITE_OPERATIONS, POST_EVENT
}
