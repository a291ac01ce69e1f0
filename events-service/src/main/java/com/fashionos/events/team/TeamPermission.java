package com.fashionos.events.team;

/** What a teammate may do on one event (see docs/permissions.md). Travels as the lower-case name. */
public enum TeamPermission {
  ADMIN, EDIT, VIEW_ONLY
}
