package com.fashionos.aitasks;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The figures of a {@link PlanRequest} the built-in planner scales a plan by. Negative counts are
 * read as zero, so a sloppy request still gets a plan.
 *
 * @param days how many 24-hour days the event spans, at least 1 (an evening party running past
 *     midnight is still one day)
 */
record EventSize(int designers, int sponsors, int attendees, int days) {

  static EventSize of(PlanRequest request) {
    return new EventSize(Math.max(0, request.designers()), Math.max(0, request.sponsors()),
        Math.max(0, request.targetAttendees()), days(request.startDate(), request.endDate()));
  }

  private static int days(OffsetDateTime start, OffsetDateTime end) {
    if (end == null || !end.isAfter(start)) {
      return 1;
    }
    long minutes = Duration.between(start, end).toMinutes();
    long minutesPerDay = Duration.ofDays(1).toMinutes();
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (minutes + minutesPerDay - 1) / minutesPerDay));
  }
}
