package com.fashionos.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.embedded.TestUsers.User;
import static com.fashionos.realtime.RealtimeTestBed.bearer;
import static com.fashionos.realtime.RealtimeTestBed.changesUntilRenamedTo;
import static com.fashionos.realtime.RealtimeTestBed.changesUri;
import static com.fashionos.realtime.RealtimeTestBed.presenceOf;
import static com.fashionos.realtime.RealtimeTestBed.recordIds;
import static com.fashionos.realtime.RealtimeTestBed.renamedTo;
import static com.fashionos.realtime.RealtimeTestBed.streamUri;
import static com.fashionos.realtime.RealtimeTestBed.viewers;
import com.fashionos.events.EventsServiceVerticle;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real events-service and a real realtime gateway on one Kafka topic prefix, driven by real
 * WebSocket, SSE and HTTP clients. Recovery (Kafka history, restarts, dead and slow clients),
 * notifications and presence across replicas are in {@link RealtimeRecoveryTest}.
 */
@ExtendWith(TestEngines.class)
class RealtimeGatewayTest {
  private static final Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(1500);
  private static RealtimeTestBed bed;
  private static TestApi api;
  private static int port;
  private static User lead;
  private static TestUsers users;
  private static User member;
  private static User outsider;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    bed = new RealtimeTestBed(vertx, stack);
    api = bed.api;
    lead = bed.lead;
    member = bed.member;
    outsider = bed.outsider;
    users = bed.users;
    port = bed.gateway(RealtimeConfig.Limits.DEFAULTS).port();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void healthAndMetricsAreServed() {
    TestApi gateway = new TestApi("http://localhost:" + port);
    assertThat(gateway.get("/health/ready").send().json().getString("status")).isEqualTo("ready");
    assertThat(gateway.get("/metrics").send().status()).isEqualTo(200);
  }

  @Test
  void aTeammateReceivesTheChangeWithinOneSecondOfTheApiAnswer() {
    String id = bed.eventWithMember("Realtime launch");
    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, member.token())) {
      JsonObject subscribed = marcus.subscribe(id);
      assertThat(subscribed.getString("type")).as(subscribed.encode()).isEqualTo("subscribed");
      assertThat(subscribed.getString("cursor")).isNotBlank();

      bed.rename(id, "Spring Show");
      long answeredAt = System.nanoTime();
      JsonObject frame = marcus.next(renamedTo("Spring Show"), Duration.ofSeconds(1));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answeredAt)).isLessThanOrEqualTo(1000);

      assertThat(frame.getString("event_id")).isEqualTo(id);
      assertThat(frame.getString("table")).isEqualTo("events");
      assertThat(frame.getString("operation")).isEqualTo("update");
      assertThat(frame.getJsonObject("new").getString("name")).isEqualTo("Spring Show");
      assertThat(frame.getJsonObject("old").getString("name")).isEqualTo("Realtime launch");
      assertThat(frame.getJsonArray("changed_fields")).contains("name");
      assertThat(frame.getString("actor")).isEqualTo(lead.id().toString());
      // The event as a resource (its version-2 record), under the table name older clients know.
      assertThat(frame.getString("record_type")).isEqualTo("com.fashionos.events.event.changed.v2");
      assertThat(frame.getString("resource")).isEqualTo("event");
      assertThat(frame.getString("record_id")).isNotBlank();
      assertThat(frame.getString("acted_at")).isNotBlank();
      assertThat(frame.getString("cursor")).isNotBlank().isNotEqualTo(subscribed.getString("cursor"));
    }
  }

  @Test
  void anOutsiderGetsNotFoundAndNothingOfTheEvent() {
    String id = bed.eventWithMember("Private show");
    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, member.token());
        RealtimeClient olivia = RealtimeClient.signedIn(vertx, port, outsider.token())) {
      marcus.subscribe(id);
      JsonObject refused = olivia.subscribe(id);
      assertThat(refused.getString("type")).isEqualTo("error");
      assertThat(refused.getString("code")).isEqualTo("not_found");
      assertThat(refused.getString("event_id")).isEqualTo(id);

      bed.rename(id, "Still private");
      marcus.next(renamedTo("Still private"), PATIENCE);
      olivia.receivesNoneFor(QUIET, m -> "change".equals(m.getString("type")));
    }
  }

  @Test
  void aRemovedMemberIsCutOffAtOnceAndGetsNoLaterFrames() {
    String id = bed.eventWithMember("Team shuffle");
    try (RealtimeClient sarah = RealtimeClient.signedIn(vertx, port, lead.token());
        RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, member.token())) {
      sarah.subscribe(id);
      assertThat(marcus.subscribe(id).getString("type")).isEqualTo("subscribed");

      TestApi.Answer removed = api.delete("/api/v1/events/" + id + "/team/" + member.id()).token(lead.token()).send();
      assertThat(removed.status()).as(removed.toString()).isIn(200, 204);
      JsonObject revoked = marcus.next(m -> "access_revoked".equals(m.getString("code")), PATIENCE);
      assertThat(revoked.getString("event_id")).isEqualTo(id);
      // The lead sees the removal itself; the removed member does not.
      sarah.next(m -> "event_team".equals(m.getString("table")) && "delete".equals(m.getString("operation")), PATIENCE);

      bed.rename(id, "Without Marcus");
      sarah.next(renamedTo("Without Marcus"), PATIENCE);
      marcus.receivesNoneFor(QUIET, m -> "change".equals(m.getString("type")));
    }
  }

  @Test
  void reconnectingWithTheLastCursorReplaysExactlyTheMissedFramesInOrder() {
    String id = bed.eventWithMember("Replay show");
    try (RealtimeClient witness = RealtimeClient.signedIn(vertx, port, lead.token())) {
      witness.subscribe(id);
      String cursor;
      try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, member.token())) {
        marcus.subscribe(id);
        bed.rename(id, "Before the gap");
        cursor = marcus.next(renamedTo("Before the gap"), PATIENCE).getString("cursor");
      }
      // What a client connected all along received after that frame.
      witness.next(renamedTo("Before the gap"), PATIENCE);
      for (int i = 1; i <= 20; i++) bed.rename(id, "Change " + i);
      List<JsonObject> missed = new ArrayList<>();
      JsonObject frame;
      do {
        frame = witness.next(m -> "change".equals(m.getString("type")), PATIENCE);
        missed.add(frame);
      } while (!renamedTo("Change 20").test(frame));

      try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, member.token())) {
        List<JsonObject> replayed = new ArrayList<>();
        JsonObject subscribed = marcus.subscribe(id, cursor, replayed);
        assertThat(subscribed.getString("type")).as(subscribed.encode()).isEqualTo("subscribed");

        // Entries written after the last rename (activity) may be in the replay too: one feed, one
        // order, so they are the witness's next frames.
        while (missed.size() < replayed.size()) missed.add(witness.next(m -> "change".equals(m.getString("type")), PATIENCE));
        assertThat(recordIds(replayed)).doesNotHaveDuplicates().containsExactlyElementsOf(recordIds(missed));
        List<String> names = replayed.stream().filter(m -> "events".equals(m.getString("table")))
            .map(m -> m.getJsonObject("new").getString("name")).toList();
        assertThat(names).containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> "Change " + i).toList());
        assertThat(subscribed.getString("cursor")).isEqualTo(replayed.get(replayed.size() - 1).getString("cursor"));
      }
    }
  }

  @Test
  void aBogusCursorGetsResyncRequired() {
    String id = bed.eventWithMember("Bogus cursor");
    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, member.token())) {
      JsonObject garbage = marcus.subscribe(id, "not a cursor!", new ArrayList<>());
      assertThat(garbage.getString("type")).isEqualTo("resync_required");
      assertThat(garbage.getString("reason")).isEqualTo("invalid_cursor");
      assertThat(garbage.getString("event_id")).isEqualTo(id);

      String foreign = Base64.getUrlEncoder().withoutPadding()
          .encodeToString("elsewhere.v1:0:5".getBytes(StandardCharsets.UTF_8));
      JsonObject unknown = marcus.subscribe(id, foreign, new ArrayList<>());
      assertThat(unknown.getString("type")).isEqualTo("resync_required");
      assertThat(unknown.getString("reason")).isEqualTo("unknown_cursor");
    }
  }

  @Test
  void anInvalidTokenClosesTheConnectionWithAnError() {
    try (RealtimeClient client = RealtimeClient.connect(vertx, port, "not-a-jwt")) {
      JsonObject error = client.next(m -> true, PATIENCE);
      assertThat(error.getString("type")).isEqualTo("error");
      assertThat(error.getString("code")).isEqualTo("unauthorized");
      assertThat(client.closed.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(Connection.CLOSE_UNAUTHORIZED);
    }
  }

  @Test
  void subscribingWithoutATokenClosesTheConnectionWithAnError() {
    try (RealtimeClient client = RealtimeClient.connect(vertx, port, null)) {
      client.send(new JsonObject().put("type", "subscribe").put("event_id", java.util.UUID.randomUUID().toString()));
      JsonObject error = client.next(m -> true, PATIENCE);
      assertThat(error.getString("code")).isEqualTo("unauthorized");
      assertThat(client.closed.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(Connection.CLOSE_UNAUTHORIZED);
    }
  }

  @Test
  void aFirstMessageThatIsNoJsonObjectClosesTheConnectionAsUnauthorized() {
    for (String first : List.of("not json", "[1, 2]", "null", "\"auth\"")) {
      try (RealtimeClient client = RealtimeClient.connect(vertx, port, null)) {
        client.sendText(first);
        JsonObject error = client.next(m -> true, PATIENCE);
        assertThat(error.getString("code")).as(first).isEqualTo("unauthorized");
        assertThat(client.closed.orTimeout(5, TimeUnit.SECONDS).join()).as(first).isEqualTo(Connection.CLOSE_UNAUTHORIZED);
      }
    }
    try (RealtimeClient client = RealtimeClient.connect(vertx, port, null)) {
      client.sendBinary(new byte[] {0, 1, 2});
      assertThat(client.next(m -> true, PATIENCE).getString("code")).isEqualTo("unauthorized");
      assertThat(client.closed.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(Connection.CLOSE_UNAUTHORIZED);
    }
  }

  @Test
  void aFirstAuthMessageSignsInAndPingIsAnswered() {
    try (RealtimeClient client = RealtimeClient.connect(vertx, port, null)) {
      client.send(new JsonObject().put("type", "auth").put("access_token", member.token()));
      assertThat(client.next(m -> true, PATIENCE).getString("user_id")).isEqualTo(member.id().toString());
      client.send(new JsonObject().put("type", "ping"));
      assertThat(client.next(m -> true, PATIENCE).getString("type")).isEqualTo("pong");
    }
  }

  @Test
  void aRefreshedTokenKeepsTheConnectionAndAnExpiredOneEndsItWithAReason() {
    String shortLived = users.token(member.id(), member.email(), member.name(), 2);
    try (RealtimeClient client = RealtimeClient.signedIn(vertx, port, shortLived)) {
      // Refreshed in time: the session goes on past the first token's expiry.
      client.send(new JsonObject().put("type", "auth").put("access_token", users.token(member.id(), member.email(),
          member.name(), 6)));
      assertThat(client.next(m -> "authenticated".equals(m.getString("type")), PATIENCE).getString("user_id"))
          .isEqualTo(member.id().toString());
      // The first token's 2 s pass: the session stays.
      client.receivesNoneFor(Duration.ofMillis(3500), m -> "error".equals(m.getString("type")));
      assertThat(client.closed).isNotDone();
      client.send(new JsonObject().put("type", "ping"));
      assertThat(client.next(m -> true, PATIENCE).getString("type")).isEqualTo("pong");
      // Not refreshed again: it ends with token_expired.
      JsonObject ended = client.next(m -> "error".equals(m.getString("type")), Duration.ofSeconds(10));
      assertThat(ended.getString("code")).isEqualTo("token_expired");
    }
  }

  @Test
  void badMessagesGetAnErrorAndTheConnectionStays() {
    try (RealtimeClient client = RealtimeClient.signedIn(vertx, port, member.token())) {
      client.sendText("not json");
      assertThat(client.next(m -> "error".equals(m.getString("type")), PATIENCE).getString("code")).isEqualTo("bad_request");
      client.sendBinary(new byte[] {0, 1, 2});
      assertThat(client.next(m -> "error".equals(m.getString("type")), PATIENCE).getString("code")).isEqualTo("bad_request");
      client.send(new JsonObject().put("type", "dance"));
      assertThat(client.next(m -> "error".equals(m.getString("type")), PATIENCE).getString("code")).isEqualTo("bad_request");
      client.send(new JsonObject().put("type", "subscribe").put("event_id", "not-a-uuid"));
      assertThat(client.next(m -> "error".equals(m.getString("type")), PATIENCE).getString("code")).isEqualTo("bad_request");
      client.send(new JsonObject().put("type", "auth"));
      assertThat(client.next(m -> "error".equals(m.getString("type")), PATIENCE).getString("code")).isEqualTo("bad_request");
      client.send(new JsonObject().put("type", "ping"));
      assertThat(client.next(m -> true, PATIENCE).getString("type")).isEqualTo("pong");
    }
  }

  @Test
  void aRefreshMustBeTheSamePerson() {
    try (RealtimeClient client = RealtimeClient.signedIn(vertx, port, member.token())) {
      client.send(new JsonObject().put("type", "auth").put("access_token", outsider.token()));
      assertThat(client.next(m -> "error".equals(m.getString("type")), PATIENCE).getString("code")).isEqualTo("unauthorized");
    }
  }

  @Test
  void sseAndPollingGiveTheSameFramesAndCursorsAsTheWebSocket() {
    String id = bed.eventWithMember("Three ways");
    try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, member.token())) {
      String start = marcus.subscribe(id).getString("cursor");
      // EventSource's way: the token in the query.
      try (SseClient sse = SseClient.open(vertx, port, streamUri(id, start) + "&access_token=" + member.token(), Map.of())) {
        assertThat(sse.status).isEqualTo(200);
        assertThat(sse.contentType).startsWith("text/event-stream");
        // Frames that reached the socket after its cursor are replayed before "subscribed".
        List<SseClient.Event> events = new ArrayList<>();
        SseClient.Event opening;
        while (!"subscribed".equals((opening = sse.next(e -> true, PATIENCE)).event())) events.add(opening);
        assertThat(opening.id()).isNotBlank();

        for (int i = 1; i <= 3; i++) bed.rename(id, "Way " + i);
        List<JsonObject> overSocket = changesUntilRenamedTo("Way 3", () -> marcus.next(m -> "change".equals(m.getString("type")), PATIENCE));
        List<JsonObject> overSse = new ArrayList<>(events.stream().map(SseClient.Event::data).toList());
        overSse.addAll(changesUntilRenamedTo("Way 3", () -> {
          SseClient.Event event = sse.next(e -> "change".equals(e.event()), PATIENCE);
          events.add(event);
          return event.data();
        }));
        assertThat(events).allSatisfy(e -> assertThat(e.id()).isEqualTo(e.data().getString("cursor")));

        TestApi.Answer polled = gatewayApi().get(changesUri(id, start, null)).token(member.token()).send();
        assertThat(polled.status()).as(polled.toString()).isEqualTo(200);
        assertThat(polled.json().getBoolean("resync_required")).isFalse();
        List<JsonObject> overPolling = frames(polled.json().getJsonArray("changes"));
        // Entries written after the rename (activity) may have reached the buffer meanwhile.
        while (overSocket.size() < overPolling.size()) overSocket.add(marcus.next(m -> "change".equals(m.getString("type")), PATIENCE));
        while (overSse.size() < overPolling.size()) overSse.add(sse.next(e -> "change".equals(e.event()), PATIENCE).data());

        assertThat(recordIds(overSocket)).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        assertThat(recordIds(overSse)).isEqualTo(recordIds(overSocket));
        assertThat(recordIds(overPolling)).isEqualTo(recordIds(overSocket));
        assertThat(cursors(overSse)).isEqualTo(cursors(overSocket));
        assertThat(cursors(overPolling)).isEqualTo(cursors(overSocket));
        assertThat(overPolling).isEqualTo(overSocket);

        // Polling from the cursor it returned: nothing again; a limit pages through the same frames.
        String next = polled.json().getString("cursor");
        // (an entry written late may still show up, but nothing already given comes again)
        assertThat(recordIds(frames(gatewayApi().get(changesUri(id, next, null)).token(member.token()).send().json()
            .getJsonArray("changes")))).doesNotContainAnyElementsOf(recordIds(overPolling));
        JsonObject firstPage = gatewayApi().get(changesUri(id, start, 2)).token(member.token()).send().json();
        assertThat(recordIds(frames(firstPage.getJsonArray("changes")))).isEqualTo(recordIds(overSocket).subList(0, 2));
        // The page's cursor is past the second frame and the row frames left out after it (a change's
        // row record comes just before its resource record): the next page starts at the third frame.
        JsonObject rest = gatewayApi().get(changesUri(id, firstPage.getString("cursor"), 2)).token(member.token()).send().json();
        assertThat(recordIds(frames(rest.getJsonArray("changes"))))
            .isEqualTo(recordIds(overSocket).subList(2, Math.min(4, overSocket.size())));
      }
    }
  }

  @Test
  void sseResumesFromLastEventId() {
    String id = bed.eventWithMember("Resumed stream");
    String lastId;
    try (SseClient first = SseClient.open(vertx, port, streamUri(id, null), bearer(member))) {
      assertThat(first.next(e -> "subscribed".equals(e.event()), PATIENCE).id()).isNotBlank();
      bed.rename(id, "Seen");
      lastId = first.next(e -> renamedTo("Seen").test(e.data()), PATIENCE).id();
    }
    bed.rename(id, "Missed 1");
    bed.rename(id, "Missed 2");
    Map<String, String> headers = new HashMap<>(bearer(member));
    headers.put("Last-Event-ID", lastId);
    // The Last-Event-ID of a reconnecting EventSource wins over the cursor of its URL.
    try (SseClient again = SseClient.open(vertx, port, streamUri(id, "stale"), headers)) {
      // The replay ends with "subscribed"; a rename the feed had not consumed yet when the stream
      // opened arrives right after it as a live frame, so read until both renames are in.
      List<String> names = new ArrayList<>();
      boolean subscribed = false;
      while (names.size() < 2) {
        SseClient.Event event = again.next(e -> "change".equals(e.event()) || "subscribed".equals(e.event()), PATIENCE);
        if ("subscribed".equals(event.event())) {
          subscribed = true;
        } else if ("events".equals(event.data().getString("table")) && "update".equals(event.data().getString("operation"))) {
          names.add(event.data().getJsonObject("new").getString("name"));
        }
      }
      if (!subscribed) again.next(e -> "subscribed".equals(e.event()), PATIENCE);
      assertThat(names).containsExactly("Missed 1", "Missed 2");
    }
  }

  @Test
  void sseSaysResyncRequiredForACursorItCannotServeAndEnds() {
    String id = bed.eventWithMember("SSE resync");
    try (SseClient sse = SseClient.open(vertx, port, streamUri(id, "not a cursor"), bearer(member))) {
      SseClient.Event resync = sse.next(e -> true, PATIENCE);
      assertThat(resync.event()).isEqualTo("resync_required");
      assertThat(resync.data().getString("reason")).isEqualTo("invalid_cursor");
      sse.ended.orTimeout(5, TimeUnit.SECONDS).join();
    }
  }

  @Test
  void sseEndsWhenAccessIsRevoked() {
    String id = bed.eventWithMember("SSE revoked");
    try (SseClient sse = SseClient.open(vertx, port, streamUri(id, null), bearer(member))) {
      sse.next(e -> "subscribed".equals(e.event()), PATIENCE);
      TestApi.Answer removed = api.delete("/api/v1/events/" + id + "/team/" + member.id()).token(lead.token()).send();
      assertThat(removed.status()).as(removed.toString()).isIn(200, 204);
      SseClient.Event revoked = sse.next(e -> !"change".equals(e.event()), PATIENCE);
      assertThat(revoked.event()).isEqualTo("access_revoked");
      assertThat(revoked.data().getString("code")).isEqualTo("access_revoked");
      sse.ended.orTimeout(5, TimeUnit.SECONDS).join();
    }
  }

  @Test
  void pollingWithABogusSinceAsksForAResyncAndWithoutOneGivesTheCurrentCursor() {
    String id = bed.eventWithMember("Polled");
    JsonObject bogus = gatewayApi().get(changesUri(id, "garbage!", null)).token(member.token()).send().json();
    assertThat(bogus.getBoolean("resync_required")).isTrue();
    assertThat(bogus.getJsonArray("changes")).isEmpty();
    assertThat(bogus.getString("cursor")).isNotBlank();

    JsonObject fresh = gatewayApi().get(changesUri(id, null, null)).token(member.token()).send().json();
    assertThat(fresh.getBoolean("resync_required")).isFalse();
    assertThat(fresh.getJsonArray("changes")).isEmpty();
    assertThat(fresh.getString("cursor")).isNotBlank();
    assertThat(gatewayApi().get(changesUri(id, null, 0)).token(member.token()).send().status()).isEqualTo(400);
  }

  @Test
  void pollingAndSseRefuseQueryParametersTheyDoNotTake() {
    String id = bed.eventWithMember("Typos");
    TestApi.Answer polled = gatewayApi().get("/api/v1/events/" + id + "/changes?sinse=abc").token(member.token()).send();
    assertThat(polled.status()).as(polled.toString()).isEqualTo(400);
    assertThat(polled.errorFields()).containsExactly("sinse");
    TestApi.Answer streamed = gatewayApi().get(streamUri(id, null) + "?since=abc").token(member.token()).send();
    assertThat(streamed.status()).as(streamed.toString()).isEqualTo(400);
    assertThat(streamed.errorFields()).containsExactly("since");
  }

  @Test
  void anOutsiderGetsNotFoundOnSseAndPollingAndNoTokenGetsUnauthorized() {
    String id = bed.eventWithMember("Closed doors");
    TestApi.Answer polled = gatewayApi().get(changesUri(id, null, null)).token(outsider.token()).send();
    assertThat(polled.status()).isEqualTo(404);
    assertThat(polled.errorCode()).isEqualTo("not_found");
    assertThat(gatewayApi().get(changesUri(id, null, null)).send().status()).isEqualTo(401);

    try (SseClient sse = SseClient.open(vertx, port, streamUri(id, null), bearer(outsider))) {
      assertThat(sse.status).isEqualTo(404);
      assertThat(new JsonObject(sse.bodyWhenEnded(PATIENCE)).encode()).contains("not_found");
    }
    try (SseClient sse = SseClient.open(vertx, port, streamUri(id, null), Map.of())) {
      assertThat(sse.status).isEqualTo(401);
    }
  }

  @Test
  void presenceJoinAndLeaveAreSeenByAnotherSubscriber() {
    String id = bed.eventWithMember("Who is here");
    try (RealtimeClient sarah = RealtimeClient.signedIn(vertx, port, lead.token())) {
      assertThat(sarah.subscribe(id).getString("type")).isEqualTo("subscribed");
      assertThat(viewers(sarah.next(presenceOf(id), PATIENCE))).containsExactly(lead.id().toString());
      try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, member.token())) {
        assertThat(marcus.subscribe(id).getString("type")).isEqualTo("subscribed");
        JsonObject joined = sarah.next(presenceOf(id), PATIENCE);
        assertThat(viewers(joined)).containsExactlyInAnyOrder(lead.id().toString(), member.id().toString());
        assertThat(joined.getJsonArray("viewers").stream().map(v -> ((JsonObject) v).getString("name")))
            .contains("Marcus Webb");
        assertThat(viewers(marcus.next(presenceOf(id), PATIENCE))).hasSize(2);
      }
      // Marcus disconnected: Sarah sees him leave.
      assertThat(viewers(sarah.next(presenceOf(id), PATIENCE))).containsExactly(lead.id().toString());
      try (RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, member.token())) {
        marcus.subscribe(id);
        assertThat(viewers(sarah.next(presenceOf(id), PATIENCE))).hasSize(2);
        marcus.send(new JsonObject().put("type", "unsubscribe").put("event_id", id));
        assertThat(viewers(sarah.next(presenceOf(id), PATIENCE))).containsExactly(lead.id().toString());
      }
    }
  }

  @Test
  void aSecondTabOfTheSameViewerGetsTheListWithoutTellingEveryoneAgain() {
    String id = bed.eventWithMember("Two tabs");
    try (RealtimeClient sarah = RealtimeClient.signedIn(vertx, port, lead.token());
        RealtimeClient marcus = RealtimeClient.signedIn(vertx, port, member.token())) {
      sarah.subscribe(id);
      marcus.subscribe(id);
      assertThat(viewers(sarah.next(p -> presenceOf(id).test(p) && viewers(p).size() == 2, PATIENCE))).hasSize(2);
      // Told once: no repeat of the same list.
      sarah.receivesNoneFor(QUIET, presenceOf(id));
      try (RealtimeClient marcusAgain = RealtimeClient.signedIn(vertx, port, member.token())) {
        marcusAgain.subscribe(id);
        assertThat(viewers(marcusAgain.next(presenceOf(id), PATIENCE)))
            .containsExactlyInAnyOrder(lead.id().toString(), member.id().toString());
        sarah.receivesNoneFor(QUIET, presenceOf(id));
      }
      // Closing one of Marcus's two tabs changes nobody's list either.
      sarah.receivesNoneFor(QUIET, presenceOf(id));
    }
  }

  private static TestApi gatewayApi() {
    return new TestApi("http://localhost:" + port);
  }

  private static List<JsonObject> frames(JsonArray array) {
    return array.stream().map(JsonObject.class::cast).toList();
  }

  private static List<String> cursors(List<JsonObject> frames) {
    return frames.stream().map(m -> m.getString("cursor")).toList();
  }
}
