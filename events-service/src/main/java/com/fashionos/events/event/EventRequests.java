package com.fashionos.events.event;

import com.fashionos.platform.change.BudgetCategory;

import com.fashionos.events.team.TeamMemberRequest;
import com.fashionos.platform.http.RequestBody;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads and validates the bodies of {@code POST} and {@code PUT /api/v1/events}. */
final class EventRequests {
  static final int MAX_ATTENDEES = 1_000_000;

  private EventRequests() {}

  record BudgetLine(BudgetCategory category, BigDecimal budgetedAmount, String currency) {}

  record NewEvent(String name, EventType type, String description, List<String> goals, OffsetDateTime startDate,
      OffsetDateTime endDate, String timezone, UUID venueId, UUID backupVenueId, Integer targetAttendees,
      List<BudgetLine> budgetCategories, List<TeamMemberRequest> teamMembers, List<UUID> sponsorIds,
      List<UUID> designerIds) {}

  static NewEvent newEvent(RequestBody body) {
    String name = body.string("name", true, 200);
    EventType type = body.enumValue("type", EventType.class, true);
    String description = body.string("description", false, 2000);
    List<String> goals = body.stringList("goals", 20, 100);
    OffsetDateTime start = body.timestamp("start_date", true);
    OffsetDateTime end = body.timestamp("end_date", false);
    if (start != null && end != null && end.isBefore(start)) body.fail("end_date", "must not be before start_date");
    String timezone = timezone(body);
    UUID venue = body.uuid("venue_id", false);
    UUID backupVenue = body.uuid("backup_venue_id", false);
    if (venue != null && venue.equals(backupVenue)) body.fail("backup_venue_id", "must differ from venue_id");
    Integer attendees = body.integer("target_attendees", false, 0, MAX_ATTENDEES);
    List<BudgetLine> budget = body.objectList("budget_categories", 20, EventRequests::budgetLine);
    if (budget != null) {
      Set<BudgetCategory> seen = new HashSet<>();
      for (int i = 0; i < budget.size(); i++) {
        BudgetCategory category = budget.get(i).category();
        if (category != null && !seen.add(category)) body.fail("budget_categories[" + i + "].category", "is listed twice");
        // An event's budget has one currency: every total and variance is in it.
        if (!budget.get(i).currency().equals(budget.get(0).currency())) {
          body.fail("budget_categories[" + i + "].currency", "must be " + budget.get(0).currency()
              + ", like the first line: an event's budget has one currency");
        }
      }
    }
    List<TeamMemberRequest> team = body.objectList("team_members", 50, TeamMemberRequest::read);
    List<UUID> sponsors = body.uuidList("sponsor_ids", 50);
    List<UUID> designers = body.uuidList("designer_ids", 100);
    body.validate();
    return new NewEvent(name, type, description, goals == null ? List.of() : goals, start, end,
        timezone == null ? "UTC" : timezone, venue, backupVenue, attendees,
        budget == null ? List.of() : budget, team == null ? List.of() : team,
        sponsors == null ? List.of() : sponsors, designers == null ? List.of() : designers);
  }

  private static BudgetLine budgetLine(RequestBody line) {
    BudgetCategory category = line.enumValue("category", BudgetCategory.class, true);
    BigDecimal amount = line.decimal("budgeted_amount", true, BigDecimal.ZERO, RequestBody.MAX_MONEY);
    String currency = line.currency("currency", false);
    return new BudgetLine(category, amount, currency == null ? "USD" : currency);
  }

  private static String timezone(RequestBody body) {
    String timezone = body.string("timezone", false, 64);
    if (timezone == null) return null;
    try {
      ZoneId.of(timezone);
      return timezone;
    } catch (DateTimeException e) {
      body.fail("timezone", "must be an IANA time zone such as Europe/Rome");
      return null;
    }
  }

  /**
   * The fields a {@code PUT} sets, by column name, in request order. A present null clears a
   * nullable field; required fields cannot be cleared.
   */
  static Map<String, Object> changes(RequestBody body) {
    Map<String, Object> changes = new LinkedHashMap<>();
    if (body.has("name")) changes.put("name", body.string("name", true, 200));
    if (body.has("type")) changes.put("type", body.enumValue("type", EventType.class, true));
    if (body.has("description")) changes.put("description", body.string("description", false, 2000));
    if (body.has("goals")) changes.put("goals", body.stringList("goals", 20, 100));
    if (body.has("start_date")) changes.put("start_date", body.timestamp("start_date", true));
    if (body.has("end_date")) changes.put("end_date", body.timestamp("end_date", false));
    if (body.has("timezone")) {
      if (body.json().getValue("timezone") == null) body.fail("timezone", "must not be null");
      changes.put("timezone", timezone(body));
    }
    if (body.has("venue_id")) changes.put("venue_id", body.uuid("venue_id", false));
    if (body.has("backup_venue_id")) changes.put("backup_venue_id", body.uuid("backup_venue_id", false));
    if (body.has("status")) {
      EventStatus status = body.enumValue("status", EventStatus.class, true);
      if (status == EventStatus.ARCHIVED) body.fail("status", "archive with DELETE /api/v1/events/{id}");
      changes.put("status", status);
    }
    if (body.has("target_attendees")) {
      changes.put("target_attendees", body.integer("target_attendees", false, 0, MAX_ATTENDEES));
    }
    if (body.has("actual_attendees")) {
      changes.put("actual_attendees", body.integer("actual_attendees", false, 0, MAX_ATTENDEES));
    }
    if (changes.isEmpty() && !body.hasIssues()) body.fail("body", "must set at least one field");
    body.validate();
    return changes;
  }
}
