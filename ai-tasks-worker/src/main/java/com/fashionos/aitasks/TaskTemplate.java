package com.fashionos.aitasks;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One kind of task the built-in planner knows (see {@link TaskLibrary}).
 *
 * @param name and {@code description} may hold {@value #WHO}, replaced by whom a repeated task is
 *     for ("designer 3", "sponsors 5–8", "day 2")
 * @param leadDays for tasks before the event, how many days before the start day it is due (0: on
 *     the day, before doors); for post_event tasks, minus the days after the end day
 * @param scope once per plan, or once per designer, sponsor or event day
 * @param houseCollection for a per-designer task: still made once, for the house collection, when
 *     the event names no designers (a runway show always has looks to fit, if only the brand's own)
 * @param after keys of templates this one depends on. When both are repeated per the same thing,
 *     instance n depends on instance n; otherwise on every instance
 * @param before keys of templates that depend on this one, when it is in the plan: lets a
 *     type-specific task slot in ahead of a universal one without the universal one naming it
 * @param condition whether the task belongs in a plan of that size (e.g. crowd control above
 *     1,000 attendees)
 * @param optional good practice rather than essential: the first to go when a plan exceeds
 *     {@link PlannedTask#MAX_TASKS}
 * @param crowdScaled its estimate grows with the number of attendees (guest lists, seating,
 *     security)
 */
record TaskTemplate(String key, String name, String description, String phase, String category,
    String priority, int hours, int leadDays, Scope scope, boolean houseCollection, Set<String> eventTypes,
    List<String> after, List<String> before, Predicate<EventSize> condition, boolean optional,
    boolean crowdScaled) {

  static final String WHO = "{who}";

  enum Scope { ONCE, PER_DESIGNER, PER_SPONSOR, PER_DAY }

  boolean isPostEvent() {
    return phase.equals("post_event");
  }
}
