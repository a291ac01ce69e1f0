package com.fashionos.realtime;

import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.RowChange;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may see which change frame of an event: the REST API's read rules (docs/permissions.md),
 * kept in this one place for the WebSocket, SSE and the polling feed alike. Every subscriber has
 * already passed the event's access check, so the question is only which members: a frame needs a
 * minimum {@link Permission}, worked out once per frame (never per subscriber), and goes to the
 * subscribers whose permission on the event reaches it.
 */
final class FrameVisibility {
  /** A member's standing on an event, lowest first; each level reads everything the one below reads. */
  enum Permission {
    /** {@code view_only}, and the event's creator without a team row (who keeps read access). */
    VIEW_ONLY,
    EDIT,
    /** {@code admin}, and every {@code event_lead} whatever their permissions. */
    ADMIN;

    /** The standing a team row gives: {@code role} and {@code permissions} as the API writes them. */
    static Permission of(String role, String permissions) {
      if ("event_lead".equals(role) || "admin".equals(permissions)) return ADMIN;
      return "edit".equals(permissions) ? EDIT : VIEW_ONLY;
    }

    boolean reaches(Permission minimum) {
      return minimum != null && compareTo(minimum) >= 0;
    }
  }

  /**
   * What each table's rows need, per service: everything a member reads over REST except
   * documents and contracts, which need edit (files-service's `can_read_documents`: lead, admin,
   * edit). A table missing here is shown to nobody until it is added, so a new table cannot leak.
   */
  private static final Map<String, Permission> MINIMUM = Map.ofEntries(
      // events-service
      Map.entry("events", Permission.VIEW_ONLY),
      Map.entry("event_team", Permission.VIEW_ONLY),
      Map.entry("event_sponsors", Permission.VIEW_ONLY),
      Map.entry("event_designers", Permission.VIEW_ONLY),
      Map.entry("activity_logs", Permission.VIEW_ONLY),
      // tasks-service
      Map.entry("event_tasks", Permission.VIEW_ONLY),
      Map.entry("event_progress", Permission.VIEW_ONLY),
      // budget-service
      Map.entry("event_budget_categories", Permission.VIEW_ONLY),
      Map.entry("expenses", Permission.VIEW_ONLY),
      Map.entry("reallocations", Permission.VIEW_ONLY),
      Map.entry("budget_status", Permission.VIEW_ONLY),
      // files-service: `files` depends on the bucket, see minimum()
      Map.entry("storage_usage", Permission.VIEW_ONLY),
      Map.entry("contracts", Permission.EDIT));

  /**
   * Resources published as version-2 records (their REST representation): the least permission,
   * as for their table, and that table, whose version-1 row frames they replace on the feed (one
   * change, one frame). A resource missing here is shown to nobody. The minimum of {@code file}
   * (table {@code files}) is null here: it depends on the frame's bucket, as for the table.
   */
  private record ResourceRule(String table, Permission minimum) {}

  private static final Map<String, ResourceRule> RESOURCES = Map.ofEntries(
      // events-service
      Map.entry("event", new ResourceRule("events", Permission.VIEW_ONLY)),
      Map.entry("team_member", new ResourceRule("event_team", Permission.VIEW_ONLY)),
      Map.entry("event_sponsor", new ResourceRule("event_sponsors", Permission.VIEW_ONLY)),
      Map.entry("event_designer", new ResourceRule("event_designers", Permission.VIEW_ONLY)),
      Map.entry("activity_entry", new ResourceRule("activity_logs", Permission.VIEW_ONLY)),

      // budget-service
      Map.entry("budget_category", new ResourceRule("event_budget_categories", Permission.VIEW_ONLY)),
      Map.entry("expense", new ResourceRule("expenses", Permission.VIEW_ONLY)),
      Map.entry("reallocation", new ResourceRule("reallocations", Permission.VIEW_ONLY)),
      Map.entry("budget_status", new ResourceRule("budget_status", Permission.VIEW_ONLY)),

      // files-service: a file's minimum is its bucket's, see filesMinimum()
      Map.entry("file", new ResourceRule("files", null)),
      Map.entry("contract", new ResourceRule("contracts", Permission.EDIT)),

      // tasks-service
      Map.entry("task", new ResourceRule("event_tasks", Permission.VIEW_ONLY)),
      // The tasks a batch of a generated plan added, as one frame: read like each of its tasks.
      Map.entry("plan_batch", new ResourceRule("event_tasks", Permission.VIEW_ONLY)),
      Map.entry("event_progress", new ResourceRule("event_progress", Permission.VIEW_ONLY)));

  private static final java.util.Set<String> REPLACED_TABLES = RESOURCES.values().stream().map(ResourceRule::table)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** The table a resource's version-1 frames named (null for a resource this rule does not know). */
  static String tableOf(String resource) {
    ResourceRule rule = resource == null ? null : RESOURCES.get(resource);
    return rule == null ? null : rule.table();
  }

  /** Record types that are no row change but an event's whole new state (event created: the event, team, budget). */
  private static final String EVENT_CREATED = "com.fashionos.events.event.created.v1";

  private FrameVisibility() {}

  /**
   * The least permission that may see the frame, or null when nobody may (a table or record type
   * this rule does not know). Resource changes go by their resource; row changes and "change
   * superseded" records by their table.
   */
  static Permission minimum(JsonObject frame) {
    try {
      String type = frame.getString("record_type");
      if (EVENT_CREATED.equals(type)) return Permission.VIEW_ONLY;
      if (ResourceChange.isResourceChange(type)) {
        ResourceRule rule = RESOURCES.get(frame.getString("resource"));
        if (rule == null) return null;
        return "files".equals(rule.table()) ? filesMinimum(frame) : rule.minimum();
      }
      String table = frame.getString("table");
      // The row version of a change its resource record already brings: not a second frame.
      if (RowChange.isRowChange(type) && REPLACED_TABLES.contains(table)) return null;
      if (table == null && frame.getValue("data") instanceof JsonObject data) table = data.getString("table");
      if ("files".equals(table)) return filesMinimum(frame);
      return table == null ? null : MINIMUM.get(table);
    } catch (RuntimeException e) {
      return null; // a field of the wrong type: a record nobody can be sure about is shown to nobody
    }
  }

  /**
   * A file is read like its bucket: documents by edit and up, images and media by every member. Its
   * row and its resource both carry {@code bucket}.
   */
  private static Permission filesMinimum(JsonObject frame) {
    JsonObject row = frame.getJsonObject("new") != null ? frame.getJsonObject("new") : frame.getJsonObject("old");
    String bucket = row == null ? null : row.getString("bucket");
    // An unknown bucket is read like the private one.
    return "event-images".equals(bucket) || "event-media".equals(bucket) ? Permission.VIEW_ONLY : Permission.EDIT;
  }

  /** A team row as a frame states it: whom it names and the permission it gives them now. */
  record Standing(UUID userId, Permission permission) {}

  /**
   * A team row inserted or changed: the member's permission from now on, so open subscriptions
   * follow promotions and demotions without asking events-service again. Both records of the
   * change state it, the {@code event_team} row and the {@code team_member} resource (framed with
   * that table, and with the same {@code user_id}, {@code role} and {@code permissions}); applying it
   * twice changes nothing. (Removals end the subscription: {@link ChangeFeed.Sink#revoke}.)
   */
  static Optional<Standing> standing(JsonObject frame) {
    if (!"event_team".equals(frame.getString("table"))) return Optional.empty();
    JsonObject row = frame.getJsonObject("new");
    if (row == null || !(row.getValue("user_id") instanceof String user)) return Optional.empty();
    try {
      return Optional.of(new Standing(UUID.fromString(user),
          Permission.of(row.getString("role"), row.getString("permissions"))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
