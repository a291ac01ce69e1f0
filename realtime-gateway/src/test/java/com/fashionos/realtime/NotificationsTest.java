package com.fashionos.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationsTest {
  private final UUID eventId = UUID.randomUUID();
  private final UUID lead = UUID.randomUUID();
  private final UUID marcus = UUID.randomUUID();
  private final UUID julia = UUID.randomUUID();

  @Test
  void aTaskCreatedForSomeoneElseNotifiesThem() {
    Notifications.Notification note = of("event_tasks", Operation.INSERT, task(marcus), null, lead).orElseThrow();
    assertThat(note.userId()).isEqualTo(marcus);
    assertThat(note.eventId()).isEqualTo(eventId);
    assertThat(note.message().getString("type")).isEqualTo("notification");
    assertThat(note.message().getString("kind")).isEqualTo("task_assigned");
    assertThat(note.message().getString("task_name")).isEqualTo("Book the venue");
    assertThat(note.message().getString("actor")).isEqualTo(lead.toString());
  }

  @Test
  void reassigningNotifiesTheNewAssigneeOnly() {
    assertThat(of("event_tasks", Operation.UPDATE, task(julia), task(marcus), lead).orElseThrow().userId()).isEqualTo(julia);
  }

  @Test
  void noNotificationWhenTheAssigneeStaysIsClearedOrAssignsThemself() {
    JsonObject renamed = task(marcus).put("name", "Book the bigger venue");
    assertThat(of("event_tasks", Operation.UPDATE, renamed, task(marcus), lead)).isEmpty();
    assertThat(of("event_tasks", Operation.UPDATE, task(null), task(marcus), lead)).isEmpty();
    assertThat(of("event_tasks", Operation.INSERT, task(marcus), null, marcus)).isEmpty();
    assertThat(of("event_tasks", Operation.DELETE, null, task(marcus), lead)).isEmpty();
  }

  @Test
  void beingAddedToATeamNotifiesTheNewMember() {
    JsonObject member = new JsonObject().put("user_id", marcus.toString()).put("role", "designer");
    Notifications.Notification note = of("event_team", Operation.INSERT, member, null, lead).orElseThrow();
    assertThat(note.userId()).isEqualTo(marcus);
    assertThat(note.message().getString("kind")).isEqualTo("added_to_event");
    assertThat(note.message().getString("role")).isEqualTo("designer");
  }

  @Test
  void otherTablesAndRecordsWithoutAnEventNotifyNobody() {
    assertThat(of("events", Operation.UPDATE, task(marcus), task(julia), lead)).isEmpty();
    RowChange row = RowChange.of("event_tasks", Operation.INSERT, task(marcus), null, lead, Instant.now(), Instant.now());
    assertThat(Notifications.of(ChangeRecord.of("/tasks", RowChange.type("tasks", "event_tasks"), null, null, row.toJson())))
        .isEmpty();
  }

  private Optional<Notifications.Notification> of(String table, Operation operation, JsonObject now, JsonObject before,
      UUID actor) {
    RowChange row = RowChange.of(table, operation, now, before, actor, Instant.now(), Instant.now());
    return Notifications.of(ChangeRecord.of("/tasks", RowChange.type("tasks", table), null, eventId, row.toJson()));
  }

  private JsonObject task(UUID assignee) {
    return new JsonObject().put("id", "5f0c6a39-1f4e-4c39-9a51-3b1b51d9d2a1").put("name", "Book the venue")
        .put("assignee_id", assignee == null ? null : assignee.toString());
  }
}
