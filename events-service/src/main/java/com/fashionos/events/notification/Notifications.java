package com.fashionos.events.notification;

import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.http.Uuids;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The rule of who is notified of what, the one place it lives: a task assigned to someone (not by
 * themselves), being added to an event's team (not by oneself). Read from the version-1 row
 * records of {@code event_tasks} and {@code event_team} (tasks also publish a version-2 task
 * record of the same change; reading one type gives one notification per change). A generated
 * plan assigns nobody, so its plan_batch records notify no one.
 */
public final class Notifications {
  /**
   * A notification, as {@code GET /api/v1/me/notifications} lists it: published when it arrives
   * in the inbox and when it is marked read. The realtime gateway pushes it to its person.
   */
  public static final ResourceChange.Kind NOTIFICATION = new ResourceChange.Kind("events", "notification");

  /** What one change tells one person. */
  record Notice(UUID userId, String kind, UUID taskId, String taskName, String role, UUID actor, Instant actedAt) {}

  private Notifications() {}

  static Optional<Notice> of(RowChange change) {
    JsonObject row = change.newRow();
    if (row == null || change.operation() == Operation.DELETE) return Optional.empty();
    return switch (change.table()) {
      case "event_tasks" -> newlySet(change, "assignee_id").map(user -> new Notice(user, "task_assigned",
          Uuids.parse(row.getString("id")), row.getString("name"), null, change.actor(), change.actedAt()));
      case "event_team" -> newlySet(change, "user_id").map(user -> new Notice(user, "added_to_event",
          null, null, row.getString("role"), change.actor(), change.actedAt()));
      default -> Optional.empty();
    };
  }

  /** The user the field now names, when the change set it to them and they did not do it themselves. */
  private static Optional<UUID> newlySet(RowChange change, String field) {
    String now = change.newRow().getString(field);
    String before = change.oldRow() == null ? null : change.oldRow().getString(field);
    if (now == null || now.equals(before)) return Optional.empty();
    UUID user = Uuids.parse(now);
    return user == null || Objects.equals(user, change.actor()) ? Optional.empty() : Optional.of(user);
  }
}
