package com.fashionos.realtime;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The change records that concern one person rather than everyone on the event: a task assigned
 * to them, being added to an event's team. Someone's own action notifies nobody. The message goes
 * to every WebSocket of that person, subscribed to the event or not, once their access to the
 * event is confirmed ({@link Connection#notifyOf}).
 */
final class Notifications {
  /** A notification for one user. */
  record Notification(UUID userId, UUID eventId, JsonObject message) {}

  private Notifications() {}

  static Optional<Notification> of(ChangeRecord change) {
    if (change.eventId() == null || !RowChange.isRowChange(change.type())) return Optional.empty();
    RowChange row;
    try {
      row = RowChange.fromJson(change.data());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (row.newRow() == null || row.operation() == Operation.DELETE) return Optional.empty();
    Optional<JsonObject> message = switch (row.table()) {
      case "event_tasks" -> newlySet(row, "assignee_id").map(user -> notification(user, change, row, "task_assigned")
          .put("task_id", row.newRow().getString("id"))
          .put("task_name", row.newRow().getString("name")));
      case "event_team" -> newlySet(row, "user_id").map(user -> notification(user, change, row, "added_to_event")
          .put("role", row.newRow().getString("role")));
      default -> Optional.empty();
    };
    return message.map(m -> new Notification(UUID.fromString(m.getString("user_id")), change.eventId(), m));
  }

  /** The user the field now names, when the change set it to them and they did not do it themselves. */
  private static Optional<UUID> newlySet(RowChange row, String field) {
    String now = row.newRow().getString(field);
    String before = row.oldRow() == null ? null : row.oldRow().getString(field);
    if (now == null || now.equals(before)) return Optional.empty();
    UUID user;
    try {
      user = UUID.fromString(now);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Objects.equals(user, row.actor()) ? Optional.empty() : Optional.of(user);
  }

  private static JsonObject notification(UUID user, ChangeRecord change, RowChange row, String kind) {
    return new JsonObject()
        .put("type", "notification")
        .put("kind", kind)
        .put("user_id", user.toString())
        .put("event_id", change.eventId().toString())
        .put("record_id", change.id().toString())
        .put("actor", row.actor() == null ? null : row.actor().toString())
        .put("acted_at", row.actedAt() == null ? null : row.actedAt().toString());
  }
}
