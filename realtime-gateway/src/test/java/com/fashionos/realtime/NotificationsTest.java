package com.fashionos.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.RowChange;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Live notifications come from events-service's notification records, and only from them. */
class NotificationsTest {
  private final UUID eventId = UUID.randomUUID();
  private final UUID lead = UUID.randomUUID();
  private final UUID marcus = UUID.randomUUID();

  @Test
  void aNewNotificationIsPushedToItsPersonAsTheInboxListsIt() {
    JsonObject item = item(null);
    Notifications.Notification note = of(Operation.INSERT, item, null).orElseThrow();
    assertThat(note.userId()).isEqualTo(marcus);
    assertThat(note.eventId()).isEqualTo(eventId);
    assertThat(note.message()).isEqualTo(new JsonObject().put("type", "notification").mergeIn(item));
  }

  @Test
  void oneMarkedReadIsPushedSoOtherDevicesClearIt() {
    JsonObject read = item("2027-06-01T10:00:00Z");
    Notifications.Notification note = of(Operation.UPDATE, read, item(null)).orElseThrow();
    assertThat(note.userId()).isEqualTo(marcus);
    assertThat(note.message().getString("type")).isEqualTo("notification_read");
    assertThat(note.message().getString("id")).isEqualTo(read.getString("id"));
    // Another change of a read one (its event renamed, say) is no news.
    assertThat(of(Operation.UPDATE, read.copy().put("event_name", "Renamed"), read)).isEmpty();
  }

  @Test
  void taskAndTeamRowsNoLongerNotifyByThemselves() {
    JsonObject task = new JsonObject().put("id", UUID.randomUUID().toString()).put("name", "Book the venue")
        .put("assignee_id", marcus.toString());
    RowChange row = RowChange.of("event_tasks", Operation.INSERT, task, null, lead, Instant.now(), Instant.now());
    assertThat(Notifications.of(ChangeRecord.of("/tasks", RowChange.type("tasks", "event_tasks"), null, eventId,
        row.toJson()))).isEmpty();
  }

  @Test
  void aNotificationRecordIsNoFrameForAnyoneOnTheEvent() {
    ResourceChange change = ResourceChange.of("notification", Operation.INSERT, item(null), null, null, Instant.now(),
        Instant.now());
    JsonObject frame = ChangeFeed.frame(ChangeRecord.of("/fashionos/events-service", Notifications.RECORD_TYPE,
        "notification/x", eventId, change.toJson()), new Cursor(Map.of()));
    assertThat(FrameVisibility.minimum(frame)).isNull();
  }

  private Optional<Notifications.Notification> of(Operation operation, JsonObject now, JsonObject before) {
    ResourceChange change = ResourceChange.of("notification", operation, now, before,
        operation == Operation.INSERT ? null : marcus, Instant.now(), Instant.now());
    return Notifications.of(ChangeRecord.of("/fashionos/events-service", Notifications.RECORD_TYPE,
        "notification/" + now.getString("id"), eventId, change.toJson()));
  }

  private JsonObject item(String readAt) {
    return new JsonObject().put("id", "5f0c6a39-1f4e-4c39-9a51-3b1b51d9d2a1").put("kind", "task_assigned")
        .put("user_id", marcus.toString()).put("event_id", eventId.toString()).put("event_name", "Spring show")
        .put("task_id", "7a0c6a39-1f4e-4c39-9a51-3b1b51d9d2a2").put("task_name", "Book the venue").put("role", null)
        .put("actor", lead.toString()).put("actor_name", "Sarah Chen")
        .put("record_id", "8b0c6a39-1f4e-4c39-9a51-3b1b51d9d2a3").put("acted_at", "2027-06-01T09:00:00Z")
        .put("created_at", "2027-06-01T09:00:01Z").put("read_at", readAt);
  }
}
