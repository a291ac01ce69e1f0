package com.fashionos.events.event;

/** The kinds of event the product plans. Travels as the lower-case name. */
public enum EventType {
  RUNWAY_SHOW, BRAND_ACTIVATION, POP_UP, TRUNK_SHOW, FASHION_WEEK, PANEL, LAUNCH_PARTY
}
