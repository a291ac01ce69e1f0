package com.fashionos.events.event;

/** A sponsor's usual tier in the directory (a sponsorship of one event may also be custom). */
public enum SponsorTierOfDirectory {
  PLATINUM, GOLD, SILVER, BRONZE
}
