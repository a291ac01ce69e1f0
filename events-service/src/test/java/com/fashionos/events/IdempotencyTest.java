package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: replay returns the first answer, another body is 422, a running duplicate 409. */
class IdempotencyTest extends EventsServiceTest {
  static User sarah;

  @BeforeAll
  static void start() {
    sarah = service.users.create("Sarah Chen");
  }

  private static Answer post(User user, String key, JsonObject body) {
    return service.api.post("/api/v1/events").token(user.token()).header("Idempotency-Key", key).json(body).send();
  }

  @Test
  void replayReturnsTheFirstAnswerAndCreatesNothingNew() {
    String key = UUID.randomUUID().toString();
    JsonObject body = EventsServiceUnderTest.newEvent("Replayed show");
    Answer first = post(sarah, key, body);
    long events = service.count("events");
    Answer replay = post(sarah, key, body);
    assertThat(first.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.json()).isEqualTo(first.json());
    assertThat(service.count("events")).isEqualTo(events);
  }

  @Test
  void sameKeyWithAnotherBodyIs422() {
    String key = UUID.randomUUID().toString();
    post(sarah, key, EventsServiceUnderTest.newEvent("First body"));
    Answer other = post(sarah, key, EventsServiceUnderTest.newEvent("Second body"));
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.errorCode()).isEqualTo("idempotency_key_reused");
  }

  @Test
  void keysBelongToTheirUser() {
    String key = UUID.randomUUID().toString();
    User other = service.users.create("Other Planner");
    JsonObject body = EventsServiceUnderTest.newEvent("Same key, two people");
    String mine = post(sarah, key, body).json().getString("event_id");
    String theirs = post(other, key, body).json().getString("event_id");
    assertThat(theirs).isNotEqualTo(mine);
  }

  @Test
  void aRequestStillRunningAnswers409() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = EventsServiceUnderTest.newEvent("In flight").encode();
    service.touch(sarah);
    // The claim a request makes before it runs, as a first request still in progress leaves it.
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(("POST /api/v1/events\n" + body).getBytes(StandardCharsets.UTF_8)));
    service.sql("INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)", sarah.id(), key, hash);
    Answer duplicate = service.api.post("/api/v1/events").token(sarah.token()).header("Idempotency-Key", key)
        .raw(body).send();
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.errorCode()).isEqualTo("request_in_progress");
  }

  @Test
  void concurrentDuplicatesCreateOneEvent() {
    String key = UUID.randomUUID().toString();
    JsonObject body = EventsServiceUnderTest.newEvent("Raced show");
    service.touch(sarah);
    long before = service.count("events");
    List<CompletableFuture<Answer>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) calls.add(CompletableFuture.supplyAsync(() -> post(sarah, key, body)));
    List<Answer> answers = calls.stream().map(CompletableFuture::join).toList();
    assertThat(service.count("events")).isEqualTo(before + 1);
    List<String> ids = answers.stream().filter(a -> a.status() == 201).map(a -> a.json().getString("event_id"))
        .distinct().toList();
    assertThat(ids).hasSize(1);
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(201, 409));
  }

  @Test
  void aFailedRequestDoesNotUseUpItsKey() {
    String key = UUID.randomUUID().toString();
    Answer failed = post(sarah, key, EventsServiceUnderTest.newEvent("Ghost venue")
        .put("venue_id", UUID.randomUUID().toString()));
    assertThat(failed.status()).isEqualTo(422);
    Answer fixed = post(sarah, key, EventsServiceUnderTest.newEvent("Ghost venue"));
    assertThat(fixed.status()).isEqualTo(201);
    assertThat(post(sarah, key, EventsServiceUnderTest.newEvent("Ghost venue")).json()).isEqualTo(fixed.json());
  }

  @Test
  void updatesAndArchivesReplayToo() {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Replay update")
        .put("goals", new JsonArray().add("press coverage")));
    String key = UUID.randomUUID().toString();
    JsonObject change = new JsonObject().put("name", "Renamed once");
    Answer first = service.api.put("/api/v1/events/" + id).token(sarah.token()).header("Idempotency-Key", key)
        .json(change).send();
    long version = service.sql("SELECT version FROM events WHERE id = $1", UUID.fromString(id)).get(0).getLong("version");
    Answer again = service.api.put("/api/v1/events/" + id).token(sarah.token()).header("Idempotency-Key", key)
        .json(change).send();
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(service.sql("SELECT version FROM events WHERE id = $1", UUID.fromString(id)).get(0).getLong("version"))
        .isEqualTo(version);
  }
}
