package com.fashionos.events.event;

/** A sponsor's tier on one event. Travels as the lower-case name. */
public enum SponsorshipTier {
  PLATINUM, GOLD, SILVER, BRONZE, CUSTOM
}
