package com.fashionos.realtime;

import static com.fashionos.embedded.Eventually.eventually;
import static com.fashionos.realtime.RealtimeTestBed.presenceOf;
import static com.fashionos.realtime.RealtimeTestBed.recordIds;
import static com.fashionos.realtime.RealtimeTestBed.renamedTo;
import static com.fashionos.realtime.RealtimeTestBed.renames;
import static com.fashionos.realtime.RealtimeTestBed.viewers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the realtime gateway guarantees when things go wrong, on a real events-service, Kafka and
 * several gateway replicas: resuming from Kafka past the memory and across a gateway restart, an
 * explicit resync past retention, dead and slow clients, per-user notifications gated by access,
 * and presence across replicas.
 */
@ExtendWith(TestEngines.class)
class RealtimeRecoveryTest {
  private static final Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(1500);
  private static RealtimeTestBed bed;
  /** Keeps 3 frames per event in memory: anything further back comes from Kafka. */
  private static int smallMemoryPort;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    bed = new RealtimeTestBed(vertx, stack);
    smallMemoryPort = bed.gateway(RealtimeConfig.Limits.DEFAULTS.withBufferedFramesPerEvent(3)).port();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void aCursorOlderThanTheMemoryIsServedFromKafkaExactlyOnceInOrder() {
    String id = bed.eventWithMember("Long gap");
    String cursor = cursorAfterRename(smallMemoryPort, id, "Before the gap");
    List<String> expected = IntStream.rangeClosed(1, 100).mapToObj(i -> "Gap " + i).toList();
    renameAll(smallMemoryPort, id, expected);

    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, smallMemoryPort, bed.member.token())) {
      List<JsonObject> replayed = new ArrayList<>();
      JsonObject subscribed = marcus.subscribe(id, cursor, replayed);
      assertThat(subscribed.getString("type")).as(subscribed.encode()).isEqualTo("subscribed");
      assertThat(recordIds(replayed)).doesNotHaveDuplicates();
      assertThat(renames(replayed)).containsExactlyElementsOf(expected);
      assertThat(subscribed.getString("cursor")).isEqualTo(replayed.get(replayed.size() - 1).getString("cursor"));

      // Polling from the same cursor pages through the same frames, from Kafka too.
      TestApi gateway = new TestApi("http://localhost:" + smallMemoryPort);
      JsonObject page = gateway.get("/api/v1/events/" + id + "/changes?limit=100&since=" + cursor)
          .token(bed.member.token()).send().json();
      assertThat(page.getBoolean("resync_required")).isFalse();
      List<JsonObject> polled = page.getJsonArray("changes").stream().map(JsonObject.class::cast).toList();
      assertThat(recordIds(polled)).isEqualTo(recordIds(replayed).subList(0, polled.size()));
    }
  }

  @Test
  void aCursorPastTheTopicsRetentionGetsResyncRequiredNeverAGap() throws Exception {
    String id = bed.eventWithMember("Expired gap");
    String cursor = cursorAfterRename(smallMemoryPort, id, "Before retention");
    renameAll(smallMemoryPort, id, IntStream.rangeClosed(1, 5).mapToObj(i -> "Expired " + i).toList());
    // What retention does after 30 days: the partition's oldest records are deleted.
    Cursor decoded = Cursor.decode(cursor);
    Map.Entry<Cursor.Partition, Long> events = decoded.nextOffsets().entrySet().stream()
        .filter(e -> e.getKey().topic().endsWith(Topics.EVENTS.name())).findFirst().orElseThrow();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bed.kafka.bootstrapServers()))) {
      admin.deleteRecords(Map.of(new TopicPartition(events.getKey().topic(), events.getKey().partition()),
          RecordsToDelete.beforeOffset(events.getValue() + 1))).all().get();
    }
    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, smallMemoryPort, bed.member.token())) {
      List<JsonObject> replayed = new ArrayList<>();
      JsonObject answer = marcus.subscribe(id, cursor, replayed);
      assertThat(answer.getString("type")).as(answer.encode()).isEqualTo("resync_required");
      assertThat(answer.getString("reason")).isEqualTo("cursor_too_old");
      assertThat(replayed).isEmpty();
    }
  }

  @Test
  void afterAGatewayRestartAClientResumesOnTheNewReplicaWithNoLoss() {
    String id = bed.eventWithMember("Restarted gateway");
    RealtimeGatewayVerticle first = bed.gateway(RealtimeConfig.Limits.DEFAULTS);
    String cursor = cursorAfterRename(first.port(), id, "Before the restart");
    vertx.undeploy(first.deploymentID()).await();
    List<String> expected = IntStream.rangeClosed(1, 10).mapToObj(i -> "While down " + i).toList();
    expected.forEach(name -> bed.rename(id, name));

    RealtimeGatewayVerticle second = bed.gateway(RealtimeConfig.Limits.DEFAULTS);
    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, second.port(), bed.member.token())) {
      List<JsonObject> replayed = new ArrayList<>();
      JsonObject subscribed = marcus.subscribe(id, cursor, replayed);
      assertThat(subscribed.getString("type")).as(subscribed.encode()).isEqualTo("subscribed");
      assertThat(renames(replayed)).containsExactlyElementsOf(expected);
      assertThat(recordIds(replayed)).doesNotHaveDuplicates();
      bed.rename(id, "Live again");
      assertThat(marcus.next(renamedTo("Live again"), PATIENCE)).isNotNull();
    } finally {
      vertx.undeploy(second.deploymentID()).await();
    }
  }

  @Test
  void aClientThatStopsAnsweringPingsIsClosedAndOneThatAnswersStays() throws Exception {
    RealtimeGatewayVerticle gateway = bed.gateway(RealtimeConfig.Limits.DEFAULTS
        .withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(700)));
    try (RawWebSocket silent = new RawWebSocket(gateway.port(), bed.member.token(), 0);
        RealtimeClient answering = RealtimeClient.signedIn(vertx, gateway.port(), bed.lead.token())) {
      List<Integer> opcodes = new ArrayList<>();
      RawWebSocket.Frame frame;
      RawWebSocket.Frame close = null;
      while ((frame = silent.next(Duration.ofSeconds(5))) != null) {
        opcodes.add(frame.opcode());
        if (frame.opcode() == 8) close = frame;
      }
      assertThat(opcodes).as("pings before the close").contains(9);
      assertThat(close).as("a close frame").isNotNull();
      assertThat(close.closeCode()).isEqualTo(1001);

      // Vert.x answers pings with pongs, so this client is alive long past the dead time.
      answering.send(new JsonObject().put("type", "ping"));
      assertThat(answering.next(m -> "pong".equals(m.getString("type")), PATIENCE)).isNotNull();
      assertThat(answering.closed).isNotDone();
    } finally {
      vertx.undeploy(gateway.deploymentID()).await();
    }
  }

  @Test
  void aSlowClientGetsResyncRequiredAndItsBacklogIsDropped() throws Exception {
    RealtimeGatewayVerticle gateway = bed.gateway(RealtimeConfig.Limits.DEFAULTS.withQueuedFramesPerConnection(5));
    String id = bed.eventWithMember("Slow reader");
    String description = "x".repeat(2000);
    // Sarah watches from another replica, whose bound she can never reach: she sees Marcus's
    // subscription there end through presence.
    try (RealtimeClient sarah = RealtimeClient.signedIn(vertx, smallMemoryPort, bed.lead.token());
        RawWebSocket slow = new RawWebSocket(gateway.port(), bed.member.token(), 4096)) {
      sarah.subscribe(id);
      slow.sendText(new JsonObject().put("type", "subscribe").put("event_id", id).encode());
      nextText(slow, "subscribed");
      String marcus = bed.member.id().toString();
      sarah.next(p -> presenceOf(id).test(p) && viewers(p).contains(marcus), PATIENCE);
      // It reads nothing now: the kernel's buffers fill, then the gateway's queue of 5. However
      // long that takes, the gateway ending its subscription shows as Marcus leaving the viewers.
      int[] renames = {0};
      eventually("the slow client's subscription is dropped", Duration.ofSeconds(60), () -> {
        for (int i = 0; i < 10; i++) {
          TestApi.Answer answer = bed.api.put("/api/v1/events/" + id).token(bed.lead.token())
              .json(new JsonObject().put("name", "Flood " + renames[0]++).put("description", description)).send();
          assertThat(answer.status()).isEqualTo(200);
        }
        return sarah.pending(presenceOf(id));
      }, presence -> presence.stream().anyMatch(p -> !viewers(p).contains(marcus)));

      // Now it reads: what fitted in the buffers, in order, then resync_required; the rest was dropped.
      List<JsonObject> received = new ArrayList<>();
      JsonObject resync;
      do {
        resync = nextMessage(slow);
        received.add(resync);
      } while (!"resync_required".equals(resync.getString("type")));
      assertThat(resync.getString("reason")).isEqualTo("slow_client");
      List<String> renamed = renames(received);
      assertThat(renamed.size()).isLessThan(renames[0]);
      assertThat(renamed).isEqualTo(IntStream.range(0, renamed.size()).mapToObj(i -> "Flood " + i).toList());
      // The subscription ended: nothing more of the event comes, however much changes.
      bed.rename(id, "After the resync");
      sarah.next(renamedTo("After the resync"), PATIENCE);
      for (RawWebSocket.Frame later; (later = slow.next(QUIET)) != null; ) {
        assertThat(later.text()).doesNotContain("After the resync").doesNotContain("\"change\"");
      }
    } finally {
      vertx.undeploy(gateway.deploymentID()).await();
    }
  }

  @Test
  void notificationsReachTheirUserOnEveryConnectionAndOnlyWithAccess() throws Exception {
    try (RealtimeClient marcusPhone = RealtimeClient.signedIn(vertx, smallMemoryPort, bed.member.token());
        RealtimeClient marcusLaptop = RealtimeClient.signedIn(vertx, smallMemoryPort, bed.member.token());
        RealtimeClient olivia = RealtimeClient.signedIn(vertx, smallMemoryPort, bed.outsider.token());
        RealtimeClient sarah = RealtimeClient.signedIn(vertx, smallMemoryPort, bed.lead.token())) {
      // Added to a team: both of Marcus's connections hear it, subscribed to the event or not.
      String id = bed.eventWithMember("Notified show");
      for (RealtimeClient device : List.of(marcusPhone, marcusLaptop)) {
        JsonObject added = device.next(m -> "notification".equals(m.getString("type")), PATIENCE);
        assertThat(added.getString("kind")).isEqualTo("added_to_event");
        assertThat(added.getString("event_id")).isEqualTo(id);
        assertThat(added.getString("role")).isEqualTo("production_manager");
        assertThat(added.getString("actor")).isEqualTo(bed.lead.id().toString());
        assertThat(added.getString("id")).as("the inbox item's").isNotNull();
        assertThat(added.getString("record_id")).isNotNull();
      }
      sarah.subscribe(id);
      marcusLaptop.subscribe(id);

      // A task assigned to Marcus on his event reaches him; one naming Olivia, who is not on the
      // team, reaches nobody: a notification never says more than its reader may see.
      publishTaskAssignment(id, bed.member.id(), "Confirm the models");
      publishTaskAssignment(id, bed.outsider.id(), "Secret task");
      JsonObject assigned = marcusPhone.next(m -> "task_assigned".equals(m.getString("kind")), PATIENCE);
      assertThat(assigned.getString("type")).isEqualTo("notification");
      assertThat(assigned.getString("task_name")).isEqualTo("Confirm the models");
      assertThat(assigned.getString("event_id")).isEqualTo(id);
      olivia.receivesNoneFor(QUIET, m -> "notification".equals(m.getString("type")));

      // The notification records are no change frames of the event, for its members or for Marcus.
      bed.rename(id, "Notified show, renamed");
      for (RealtimeClient member : List.of(sarah, marcusLaptop)) {
        List<JsonObject> frames = RealtimeTestBed.changesUntilRenamedTo("Notified show, renamed",
            () -> member.next(m -> "change".equals(m.getString("type")), PATIENCE));
        assertThat(frames).noneMatch(f -> String.valueOf(f.getString("record_type")).contains("notification"));
      }

      // Read on the phone: the laptop hears it, to clear its badge.
      TestApi.Answer read = bed.api.post("/api/v1/me/notifications/" + assigned.getString("id") + "/read")
          .token(bed.member.token()).send();
      assertThat(read.status()).as(read.toString()).isEqualTo(200);
      JsonObject cleared = marcusLaptop.next(m -> "notification_read".equals(m.getString("type")), PATIENCE);
      assertThat(cleared.getString("id")).isEqualTo(assigned.getString("id"));
      assertThat(cleared.getString("read_at")).isNotNull();
    }
  }

  @Test
  void presenceIsTheSameOnEveryReplicaAndALeaverIsGoneAtOnce() {
    RealtimeGatewayVerticle other = bed.gateway(RealtimeConfig.Limits.DEFAULTS);
    String id = bed.eventWithMember("Two replicas");
    try (RealtimeClient sarah = RealtimeClient.signedIn(vertx, smallMemoryPort, bed.lead.token())) {
      sarah.subscribe(id);
      assertThat(viewers(sarah.next(presenceOf(id), PATIENCE))).containsExactly(bed.lead.id().toString());
      try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, other.port(), bed.member.token())) {
        marcus.subscribe(id);
        assertThat(viewers(marcus.next(p -> presenceOf(id).test(p) && viewers(p).size() == 2, PATIENCE)))
            .containsExactlyInAnyOrder(bed.lead.id().toString(), bed.member.id().toString());
        assertThat(viewers(sarah.next(presenceOf(id), PATIENCE)))
            .containsExactlyInAnyOrder(bed.lead.id().toString(), bed.member.id().toString());
      }
      // Marcus's socket on the other replica closed: Sarah, here, sees him leave.
      assertThat(viewers(sarah.next(presenceOf(id), PATIENCE))).containsExactly(bed.lead.id().toString());

      try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, other.port(), bed.member.token())) {
        marcus.subscribe(id);
        assertThat(viewers(sarah.next(presenceOf(id), PATIENCE))).hasSize(2);
        // The whole replica stops (a rolling update): its viewers go with it.
        vertx.undeploy(other.deploymentID()).await();
        assertThat(viewers(sarah.next(presenceOf(id), PATIENCE))).containsExactly(bed.lead.id().toString());
      }
    }
  }

  /** Subscribes Marcus on the port, renames the event and returns the cursor of that frame. */
  private static String cursorAfterRename(int port, String id, String name) {
    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, bed.member.token())) {
      marcus.subscribe(id);
      bed.rename(id, name);
      return marcus.next(renamedTo(name), PATIENCE).getString("cursor");
    }
  }

  /** Renames the event to each name and waits until the gateway on the port has the last one. */
  private static void renameAll(int port, String id, List<String> names) {
    try (RealtimeClient witness = RealtimeClient.signedIn(vertx, port, bed.lead.token())) {
      witness.subscribe(id);
      names.forEach(name -> bed.rename(id, name));
      witness.next(renamedTo(names.get(names.size() - 1)), PATIENCE);
    }
  }

  /** Reads the socket's messages until one of the type. */
  private static JsonObject nextText(RawWebSocket socket, String type) {
    return eventually("a " + type + " message", () -> nextMessage(socket), m -> type.equals(m.getString("type")));
  }

  /** The socket's next text message (pings skipped); fails when none comes. */
  private static JsonObject nextMessage(RawWebSocket socket) {
    try {
      RawWebSocket.Frame frame;
      do {
        frame = socket.next(PATIENCE);
        if (frame == null || frame.opcode() == 8) throw new IllegalStateException("The socket closed or went quiet");
      } while (frame.opcode() != 1);
      return new JsonObject(frame.text());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What tasks-service publishes when a task is created assigned to someone. */
  private static void publishTaskAssignment(String eventId, UUID assignee, String taskName) throws Exception {
    JsonObject task = new JsonObject().put("id", UUID.randomUUID().toString()).put("event_id", eventId)
        .put("name", taskName).put("assignee_id", assignee.toString()).put("status", "to_do");
    RowChange row = RowChange.of("event_tasks", Operation.INSERT, task, null, bed.lead.id(), Instant.now(), Instant.now());
    ChangeRecord change = ChangeRecord.of("/tasks-service", RowChange.type("tasks", "event_tasks"),
        "event_tasks/" + task.getString("id"), UUID.fromString(eventId), row.toJson());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        bed.kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.name(bed.kafka, Topics.TASKS), change.key(), change.toJson().encode())).get();
    }
  }
}
