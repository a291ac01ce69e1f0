package com.fashionos.events.team;

/** A teammate's role on one event. Travels as the lower-case name. */
public enum TeamRole {
  EVENT_LEAD, CREATIVE_DIRECTOR, PRODUCTION_MANAGER, CASTING_DIRECTOR, SPONSOR_LIAISON, MARKETING_LEAD, VENUE_COORDINATOR, CUSTOM
}
