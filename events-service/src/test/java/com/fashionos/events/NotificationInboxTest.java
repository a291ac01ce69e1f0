package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each person's inbox: filled from task and team changes by the one rule (someone else gave you a
 * task or put you on a team), one notification per change, marked read one by one or all at
 * once, each arrival and each read published as a notification record equal to what the inbox lists.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NotificationInboxTest extends EventsServiceTest {
  private static final String INBOX = "/api/v1/me/notifications";
  static User sarah;
  static User marcus;
  static User julia;
  static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start() {
    sarah = service.users.create("Sarah Chen");
    marcus = service.users.create("Marcus Webb");
    julia = service.users.create("Julia Park");
    List.of(sarah, marcus, julia).forEach(service::touch);
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", service.kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer());
  }

  @AfterAll
  static void stop() {
    producer.close();
  }

  @Test
  void beingAddedToATeamByTheLeadArrivesInTheInboxAndIsPublishedAsListed() {
    try (ChangeRecordReader reader = new ChangeRecordReader(service.kafka, Topics.EVENTS.name())) {
      String eventId = eventWith("Inbox team show", marcus);
      JsonObject item = awaitItem(marcus, eventId, "added_to_event");
      assertThat(item.getString("role")).isEqualTo("production_manager");
      assertThat(item.getString("actor")).isEqualTo(sarah.id().toString());
      assertThat(item.getString("actor_name")).isEqualTo("Sarah Chen");
      assertThat(item.getString("event_name")).isEqualTo("Inbox team show");
      assertThat(item.getString("user_id")).isEqualTo(marcus.id().toString());
      assertThat(item.getValue("read_at")).isNull();
      assertThat(item.getValue("task_id")).isNull();

      ChangeRecord record = reader.await(r -> isNotification(r, item.getString("id")));
      assertThat(record.type()).isEqualTo("com.fashionos.events.notification.changed.v2");
      assertThat(record.subject()).isEqualTo("notification/" + item.getString("id"));
      ResourceChange change = ResourceChange.fromJson(record.data());
      assertThat(change.operation()).isEqualTo(Operation.INSERT);
      assertThat(change.newValue()).isEqualTo(item);
      assertThat(change.oldValue()).isNull();
      // Sarah seated herself as the lead: her own action notifies nobody.
      assertThat(itemsOf(sarah, eventId)).isEmpty();
    }
  }

  @Test
  void aTaskAssignedBySomeoneElseNotifiesOncePerChange() throws Exception {
    String eventId = eventWith("Inbox task show", marcus);
    UUID booking = UUID.randomUUID();
    ChangeRecord assigned = publishTask(eventId, booking, "Book the venue", marcus, null, sarah);
    publishTask(eventId, UUID.randomUUID(), "Sarah's own task", sarah, null, sarah);
    // Renamed, same assignee: no news for Marcus.
    publishTask(eventId, booking, "Book the bigger venue", marcus, marcus, sarah);
    // The same record delivered again.
    send(assigned);
    // The last of the same event's records on the topic: once it is in, so is all of the above.
    UUID casting = UUID.randomUUID();
    publishTask(eventId, casting, "Confirm the casting", marcus, null, sarah);
    awaitTask(marcus, eventId, casting);

    List<JsonObject> tasks = itemsOf(marcus, eventId).stream().filter(i -> "task_assigned".equals(i.getString("kind"))).toList();
    assertThat(tasks).extracting(i -> i.getString("task_name")).containsExactly("Confirm the casting", "Book the venue");
    JsonObject booked = tasks.get(1);
    assertThat(booked.getString("task_id")).isEqualTo(booking.toString());
    assertThat(booked.getString("record_id")).isEqualTo(assigned.id().toString());
    assertThat(booked.getString("actor")).isEqualTo(sarah.id().toString());
    assertThat(itemsOf(sarah, eventId)).isEmpty();
  }

  @Test
  void markingOneAndAllReadCountsDownAndPublishesTheReadItem() throws Exception {
    String eventId = eventWith("Inbox read show", julia);
    UUID task = UUID.randomUUID();
    publishTask(eventId, task, "Fit the looks", julia, null, sarah);
    awaitTask(julia, eventId, task);
    // Her place on the team comes on the events topic, the task on the tasks topic: either may be read first.
    awaitItem(julia, eventId, "added_to_event");
    List<JsonObject> items = itemsOf(julia, eventId);
    assertThat(items).hasSize(2);
    long unread = inbox(julia, "").getLong("unread_count");
    assertThat(unread).isGreaterThanOrEqualTo(2);

    try (ChangeRecordReader reader = new ChangeRecordReader(service.kafka, Topics.EVENTS.name())) {
      JsonObject before = items.get(0);
      Answer marked = service.api.post(INBOX + "/" + before.getString("id") + "/read").token(julia.token()).send();
      assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
      JsonObject after = marked.json().getJsonObject("notification");
      assertThat(after.getString("read_at")).isNotNull();
      assertThat(after.copy().put("read_at", null)).isEqualTo(before);
      assertThat(itemsOf(julia, eventId).get(0)).isEqualTo(after);
      assertThat(inbox(julia, "").getLong("unread_count")).isEqualTo(unread - 1);
      assertThat(inbox(julia, "?unread=true").getJsonArray("notifications").stream().map(i -> ((JsonObject) i).getString("id")))
          .doesNotContain(after.getString("id")).contains(items.get(1).getString("id"));

      ChangeRecord record = reader.await(r -> isNotification(r, after.getString("id"))
          && ResourceChange.fromJson(r.data()).operation() == Operation.UPDATE);
      ResourceChange change = ResourceChange.fromJson(record.data());
      assertThat(change.newValue()).isEqualTo(after);
      assertThat(change.oldValue()).isEqualTo(before);
      assertThat(change.changedFields()).containsExactly("read_at");
      assertThat(change.actor()).isEqualTo(julia.id());

      // Again: the same answer, nothing published.
      Answer again = service.api.post(INBOX + "/" + before.getString("id") + "/read").token(julia.token()).send();
      assertThat(again.json().getJsonObject("notification")).isEqualTo(after);

      Answer all = service.api.post(INBOX + "/read").token(julia.token()).send();
      assertThat(all.status()).as(all.toString()).isEqualTo(200);
      assertThat(all.json()).isEqualTo(new JsonObject().put("unread_count", 0).put("marked", unread - 1));
      assertThat(inbox(julia, "?unread=true").getJsonArray("notifications")).isEmpty();
      assertThat(itemsOf(julia, eventId)).allSatisfy(i -> assertThat(i.getString("read_at")).isNotNull());
      reader.await(r -> isNotification(r, items.get(1).getString("id"))
          && ResourceChange.fromJson(r.data()).operation() == Operation.UPDATE);
      long updates = reader.records().stream().filter(r -> isNotification(r, before.getString("id"))
          && ResourceChange.fromJson(r.data()).operation() == Operation.UPDATE).count();
      assertThat(updates).as("one record for the one read, none for reading it again").isEqualTo(1);
    }
  }

  @Test
  void someoneElsesOrAnUnknownNotificationIsNotFound() {
    String eventId = eventWith("Inbox private show", marcus);
    String marcusItem = awaitItem(marcus, eventId, "added_to_event").getString("id");
    for (String id : List.of(marcusItem, UUID.randomUUID().toString())) {
      Answer answer = service.api.post(INBOX + "/" + id + "/read").token(julia.token()).send();
      assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
    }
    assertThat(service.api.post(INBOX + "/not-a-uuid/read").token(julia.token()).send().status()).isEqualTo(400);
    assertThat(itemsOf(julia, eventId)).isEmpty();
    assertThat(awaitItem(marcus, eventId, "added_to_event").getValue("read_at")).as("untouched").isNull();
  }

  @Test
  void badParametersAreRefusedByName() {
    Map<String, String> bad = Map.of("?page=2", "page", "?unread=maybe", "unread", "?limit=0", "limit",
        "?limit=101", "limit", "?before=not-a-cursor", "before");
    bad.forEach((query, field) -> {
      Answer answer = service.api.get(INBOX + query).token(marcus.token()).send();
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.errorFields()).as(query).containsExactly(field);
    });
    Answer markAll = service.api.post(INBOX + "/read?all=true").token(marcus.token()).send();
    assertThat(markAll.status()).isEqualTo(400);
    assertThat(markAll.errorFields()).containsExactly("all");
  }

  @Test
  void pagesNewestFirstWithAUrlSafeCursor() throws Exception {
    String eventId = eventWith("Inbox paging show", julia);
    for (String name : List.of("First", "Second", "Third")) {
      publishTask(eventId, UUID.randomUUID(), name, julia, null, sarah);
    }
    Eventually.eventually("four notifications", () -> itemsOf(julia, eventId), items -> items.size() == 4);
    JsonObject first = inbox(julia, "?limit=2");
    assertThat(first.getJsonArray("notifications")).hasSize(2);
    String cursor = first.getString("next_before");
    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    List<String> all = itemsOf(julia, eventId).stream().map(i -> i.getString("id")).toList();
    List<String> paged = new java.util.ArrayList<>();
    first.getJsonArray("notifications").forEach(i -> paged.add(((JsonObject) i).getString("id")));
    for (JsonObject page = first; page.getString("next_before") != null; ) {
      page = inbox(julia, "?limit=2&before=" + page.getString("next_before"));
      page.getJsonArray("notifications").forEach(i -> paged.add(((JsonObject) i).getString("id")));
    }
    assertThat(paged.stream().filter(all::contains).toList()).isEqualTo(all);
    assertThat(paged).doesNotHaveDuplicates();
  }

  @Test
  void aRemovedMemberNoLongerSeesTheEventsNotifications() throws Exception {
    String eventId = eventWith("Inbox leaving show", marcus);
    UUID task = UUID.randomUUID();
    publishTask(eventId, task, "Hang the lights", marcus, null, sarah);
    JsonObject assigned = awaitTask(marcus, eventId, task);
    long unread = inbox(marcus, "").getLong("unread_count");

    Answer removed = service.api.delete("/api/v1/events/" + eventId + "/team/" + marcus.id()).token(sarah.token()).send();
    assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
    assertThat(itemsOf(marcus, eventId)).isEmpty();
    assertThat(inbox(marcus, "").getLong("unread_count")).isEqualTo(unread - 2);
    assertThat(service.api.post(INBOX + "/" + assigned.getString("id") + "/read").token(marcus.token()).send().status())
        .isEqualTo(404);
  }

  /** An event led by Sarah with the member added to its team afterwards (production manager). */
  private static String eventWith(String name, User member) {
    String eventId = service.createEvent(sarah, EventsServiceUnderTest.newEvent(name));
    Answer added = service.api.post("/api/v1/events/" + eventId + "/team").token(sarah.token())
        .json(new JsonObject().put("user_id", member.id().toString()).put("role", "production_manager")).send();
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    return eventId;
  }

  private static JsonObject inbox(User user, String query) {
    Answer answer = service.api.get(INBOX + query).token(user.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  /** The user's notifications of the event, newest first (all pages). */
  private static List<JsonObject> itemsOf(User user, String eventId) {
    JsonArray all = inbox(user, "?limit=100").getJsonArray("notifications");
    return all.stream().map(JsonObject.class::cast).filter(i -> eventId.equals(i.getString("event_id"))).toList();
  }

  private static JsonObject awaitItem(User user, String eventId, String kind) {
    return Eventually.eventually("a " + kind + " notification", () -> itemsOf(user, eventId).stream()
        .filter(i -> kind.equals(i.getString("kind"))).findFirst().orElse(null), item -> item != null);
  }

  private static JsonObject awaitTask(User user, String eventId, UUID task) {
    return Eventually.eventually("the notification of task " + task, () -> itemsOf(user, eventId).stream()
        .filter(i -> task.toString().equals(i.getString("task_id"))).findFirst().orElse(null), item -> item != null);
  }

  private static boolean isNotification(ChangeRecord record, String id) {
    return record != null && ResourceChange.isResourceChange(record.type()) && ("notification/" + id).equals(record.subject());
  }

  /** A task row change as tasks-service publishes it: assigned to {@code assignee}, before to {@code before}. */
  private static ChangeRecord publishTask(String eventId, UUID taskId, String name, User assignee, User before,
      User actor) throws Exception {
    JsonObject row = task(eventId, taskId, name, assignee);
    JsonObject old = before == null ? null : task(eventId, taskId, "Before", before);
    RowChange change = RowChange.of("event_tasks", old == null ? Operation.INSERT : Operation.UPDATE, row, old,
        actor.id(), Instant.now(), Instant.now());
    ChangeRecord record = ChangeRecord.of("/fashionos/tasks-service", RowChange.type("tasks", "event_tasks"),
        "event_tasks/" + taskId, UUID.fromString(eventId), change.toJson());
    send(record);
    return record;
  }

  private static JsonObject task(String eventId, UUID taskId, String name, User assignee) {
    return new JsonObject().put("id", taskId.toString()).put("event_id", eventId).put("name", name)
        .put("assignee_id", assignee.id().toString()).put("status", "to_do");
  }

  private static void send(ChangeRecord record) throws Exception {
    producer.send(new ProducerRecord<>(Topics.name(service.kafka, Topics.TASKS), record.key(), record.toJson().encode()))
        .get();
  }
}
