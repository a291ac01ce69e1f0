package com.fashionos.events;

import com.fashionos.platform.change.ResourceChange;

/**
 * events-service's public change records on {@code fashionos.events.v1} (version 2,
 * {@link ResourceChange}): each resource exactly as its REST GET answers it, built by the same
 * query. docs/change-records.md and docs/asyncapi.yaml describe them.
 */
public final class EventsChangeRecords {
  /**
   * An event, as {@code GET /api/v1/events/{id}} answers it in {@code event} without what other
   * resources carry ({@code team}, {@code sponsors}, {@code designers}: the three below;
   * {@code progress}, {@code tasks_summary}: tasks-service's {@code event_progress};
   * {@code budget}: budget-service's status), so a task completion or an expense is no change
   * of the event.
   */
  public static final ResourceChange.Kind EVENT = new ResourceChange.Kind("events", "event");
  /** A member of an event's team, as {@code GET /api/v1/events/{id}/team} answers one; subject by {@code user_id}. */
  public static final ResourceChange.Kind TEAM_MEMBER = new ResourceChange.Kind("events", "team_member", "user_id");
  /** A sponsor of an event, as {@code GET /api/v1/events/{id}/sponsors} answers one ({@code id}: the sponsor's). */
  public static final ResourceChange.Kind EVENT_SPONSOR = new ResourceChange.Kind("events", "event_sponsor");
  /** A designer of an event, as {@code GET /api/v1/events/{id}/designers} answers one ({@code id}: the designer's). */
  public static final ResourceChange.Kind EVENT_DESIGNER = new ResourceChange.Kind("events", "event_designer");
  /** An entry of the team's feed, as {@code GET /api/v1/events/{id}/activity} answers one. */
  public static final ResourceChange.Kind ACTIVITY_ENTRY = new ResourceChange.Kind("events", "activity_entry");

  private EventsChangeRecords() {}
}
