package com.fashionos.realtime;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.http.Uuids;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/**
 * The notifications events-service put in someone's inbox (it decides who hears of what, and
 * publishes each as a {@code notification} record): a new one is pushed to that person as a
 * {@code notification} message, one marked read as {@code notification_read} (their other devices
 * clear it). The message goes to every WebSocket of that person, subscribed to the event or not,
 * once their access to the event is confirmed ({@link Connection#notifyOf}). The record itself is
 * never an event frame: {@link FrameVisibility} shows the resource to nobody.
 */
final class Notifications {
  static final String RECORD_TYPE = "com.fashionos.events.notification.changed.v2";

  /** A notification for one user. */
  record Notification(UUID userId, UUID eventId, JsonObject message) {}

  private Notifications() {}

  static Optional<Notification> of(ChangeRecord change) {
    if (change.eventId() == null || !RECORD_TYPE.equals(change.type())) return Optional.empty();
    ResourceChange notification;
    try {
      notification = ResourceChange.fromJson(change.data());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    JsonObject item = notification.newValue();
    UUID user = item == null ? null : Uuids.parse(item.getString("user_id"));
    if (user == null) return Optional.empty();
    String type = switch (notification.operation()) {
      case INSERT -> "notification";
      case UPDATE -> item.getValue("read_at") != null && notification.changedFields().contains("read_at")
          ? "notification_read" : null;
      case DELETE -> null;
    };
    return type == null ? Optional.empty()
        : Optional.of(new Notification(user, change.eventId(), new JsonObject().put("type", type).mergeIn(item)));
  }
}
