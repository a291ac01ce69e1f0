package com.fashionos.events.event;

/** Where a sponsorship of one event stands. Travels as the lower-case name. */
public enum SponsorshipStatus {
  PENDING, CONFIRMED, SIGNED, ACTIVE, COMPLETED
}
