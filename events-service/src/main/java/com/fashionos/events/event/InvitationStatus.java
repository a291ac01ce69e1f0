package com.fashionos.events.event;

/** A designer's answer to an event's invitation. Travels as the lower-case name. */
public enum InvitationStatus {
  SENT, OPENED, ACCEPTED, DECLINED, NO_RESPONSE
}
