package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input gets a 4xx JSON error naming the field, never a 5xx and never a half-written row.
 */
class EventBadInputTest extends EventsServiceTest {
  static User sarah;
  static String eventId;

  @BeforeAll
  static void start() {
    sarah = service.users.create("Sarah Chen");
    eventId = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Existing"));
  }

  private static Answer create(JsonObject body) {
    return service.api.post("/api/v1/events").token(sarah.token()).json(body).send();
  }

  private static void assertRejected(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.headers().get("content-type")).startsWith("application/json");
    if (field != null) assertThat(answer.errorFields()).as(answer.toString()).contains(field);
  }

  @Test
  void malformedJsonIs400() {
    Answer answer = service.api.post("/api/v1/events").token(sarah.token()).raw("{\"name\": ").send();
    assertRejected(answer, 400, null);
    assertThat(answer.errorCode()).isEqualTo("invalid_json");
    assertRejected(service.api.post("/api/v1/events").token(sarah.token()).raw("[1,2]").send(), 400, null);
    assertRejected(service.api.post("/api/v1/events").token(sarah.token()).send(), 400, null);
  }

  @ParameterizedTest(name = "{0} = {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "name|12|name",
      "name|\"\"|name",
      "type|\"concert\"|type",
      "type|null|type",
      "start_date|\"next tuesday\"|start_date",
      "start_date|null|start_date",
      "end_date|\"2027-06-14T14:00:00Z\"|end_date",
      "timezone|\"Mars/Olympus\"|timezone",
      "venue_id|\"not-a-uuid\"|venue_id",
      "target_attendees|-1|target_attendees",
      "target_attendees|1.5|target_attendees",
      "target_attendees|\"300\"|target_attendees",
      "goals|\"press\"|goals",
      "sponsor_ids|[\"x\"]|sponsor_ids[0]",
      "budget_categories|[{\"category\":\"yachts\",\"budgeted_amount\":1}]|budget_categories[0].category",
      "budget_categories|[{\"category\":\"venue\",\"budgeted_amount\":-5}]|budget_categories[0].budgeted_amount",
      "budget_categories|[{\"category\":\"venue\"}]|budget_categories[0].budgeted_amount",
      "team_members|[{\"role\":\"event_lead\"}]|team_members[0].user_id",
      "team_members|[{\"email\":\"nope\",\"role\":\"custom\"}]|team_members[0].email",
      "team_members|[{\"user_id\":\"6f1c2e62-6b55-4f4b-a7a4-8c2a0b1b2c3d\",\"role\":\"boss\"}]|team_members[0].role",
      // What the hardening issue found: each was accepted (and poisoned a consumer) or wrapped.
      "start_date|\"+300000-01-01T00:00:00Z\"|start_date",
      "end_date|\"2201-01-01T00:00:00Z\"|end_date",
      "target_attendees|18446744073709551716|target_attendees",
      "budget_categories|[{\"category\":\"venue\",\"budgeted_amount\":\"\u0661\u0662\"}]|budget_categories[0].budgeted_amount",
      "budget_categories|[{\"category\":\"venue\",\"budgeted_amount\":1,\"note\":\"x\"}]|budget_categories[0].note",
      "team_members|[{\"email\":\"a@b.example\",\"role\":\"custom\",\"admin\":true}]|team_members[0].admin",
      "description|\"a\\u0000b\"|description",
      "colour|\"red\"|colour"
  })
  void invalidFieldIs400NamingIt(String field, String json, String expectedField) {
    JsonObject body = EventsServiceUnderTest.newEvent("Bad input show");
    body.put(field, json.equals("null") ? null : io.vertx.core.json.Json.decodeValue(json));
    long before = service.count("events");
    assertRejected(create(body), 400, expectedField);
    assertThat(service.count("events")).isEqualTo(before);
  }

  @Test
  void aWizardAmountOfSixtyThousandZerosIsRefusedAtOnce() {
    JsonObject body = EventsServiceUnderTest.newEvent("Zeros").put("budget_categories", new JsonArray()
        .add(new JsonObject().put("category", "venue").put("budgeted_amount", "1." + "0".repeat(60_000))));
    long started = System.nanoTime();
    assertRejected(create(body), 400, "budget_categories[0].budgeted_amount");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(1));
    // As a JSON number it is refused by the parser's own bound.
    Answer number = service.api.post("/api/v1/events").token(sarah.token())
        .raw(body.encode().replace("\"1." + "0".repeat(60_000) + "\"", "1." + "0".repeat(60_000))).send();
    assertRejected(number, 400, "body");
    assertThat(number.errorCode()).isEqualTo("invalid_json");
  }

  @Test
  void invalidUtf8IsRefusedNotReplaced() throws Exception {
    byte[] head = "{\"name\":\"Caf".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = ("\",\"type\":\"runway_show\",\"start_date\":\"2027-06-15T14:00:00Z\"}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    body[head.length] = (byte) 0xE9; // é in Latin-1: not UTF-8
    System.arraycopy(tail, 0, body, head.length + 1, tail.length);
    long before = service.count("events");
    java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.api.baseUrl() + "/api/v1/events"))
            .header("Authorization", "Bearer " + sarah.token()).header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(answer.body()).getJsonObject("error").getString("code")).isEqualTo("invalid_utf8");
    assertThat(service.count("events")).isEqualTo(before);
  }

  @Test
  void aLoneSurrogateIs400NamingTheField() {
    // Written as the JSON escape: a Java string would lose it on the way out.
    Answer answer = service.api.post("/api/v1/events").token(sarah.token()).raw(EventsServiceUnderTest
        .newEvent("Lone").encode().replace("\"Lone\"", "\"Lone \\ud800\"")).send();
    assertRejected(answer, 400, "name");
  }

  @Test
  void nulInAQueryParameterIs400NamingIt() {
    assertRejected(service.api.get("/api/v1/events?q=%00").token(sarah.token()).send(), 400, "q");
    assertRejected(service.api.get("/api/v1/events?q=caf%E9").token(sarah.token()).send(), 400, "q");
    assertThat(service.api.get("/api/v1/events?q=caf%C3%A9").token(sarah.token()).send().status()).isEqualTo(200);
  }

  @Test
  void teamRequestsRefuseUnknownFields() {
    String team = "/api/v1/events/" + eventId + "/team";
    assertRejected(service.api.post(team).token(sarah.token()).json(new JsonObject().put("email", "x@y.example")
        .put("role", "custom").put("is_owner", true)).send(), 400, "is_owner");
    assertRejected(service.api.put(team + "/" + sarah.id()).token(sarah.token()).json(new JsonObject()
        .put("role", "event_lead").put("superuser", true)).send(), 400, "superuser");
  }

  @Test
  void overLongStringsAre400() {
    assertRejected(create(EventsServiceUnderTest.newEvent("x".repeat(201))), 400, "name");
    assertRejected(create(EventsServiceUnderTest.newEvent("ok").put("description", "d".repeat(2001))), 400, "description");
  }

  @Test
  void missingRequiredFieldsAreAllNamed() {
    Answer answer = create(new JsonObject());
    assertRejected(answer, 400, "name");
    assertThat(answer.errorFields()).contains("name", "type", "start_date");
  }

  @Test
  void referencesToMissingRowsAre422NamingTheField() {
    Answer answer = create(EventsServiceUnderTest.newEvent("Ghost venue")
        .put("venue_id", UUID.randomUUID().toString())
        .put("designer_ids", new JsonArray().add(UUID.randomUUID().toString())));
    assertRejected(answer, 422, "venue_id");
    assertThat(answer.errorFields()).contains("designer_ids[0]");
  }

  @Test
  void badUuidsInPathsAre400() {
    assertRejected(service.api.get("/api/v1/events/123").token(sarah.token()).send(), 400, "id");
    assertRejected(service.api.put("/api/v1/events/abc").token(sarah.token()).json(new JsonObject().put("name", "x"))
        .send(), 400, "id");
    assertRejected(service.api.delete("/api/v1/events/" + eventId + "/team/zzz").token(sarah.token()).send(), 400,
        "userId");
  }

  @ParameterizedTest
  @CsvSource({"page=0,page", "page=abc,page", "limit=0,limit", "limit=101,limit", "status=gone,status",
      "include_archived=maybe,include_archived"})
  void badQueryParametersAre400(String query, String field) {
    assertRejected(service.api.get("/api/v1/events?" + query).token(sarah.token()).send(), 400, field);
  }

  @Test
  void bodyOverOneMebibyteIs413() {
    String huge = "{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
    Answer answer = service.api.post("/api/v1/events").token(sarah.token()).raw(huge).send();
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.errorCode()).isEqualTo("payload_too_large");
  }

  @Test
  void badUpdatesAre400() {
    String path = "/api/v1/events/" + eventId;
    assertRejected(service.api.put(path).token(sarah.token()).json(new JsonObject()).send(), 400, "body");
    assertRejected(service.api.put(path).token(sarah.token()).json(new JsonObject().put("status", "archived")).send(),
        400, "status");
    assertRejected(service.api.put(path).token(sarah.token()).json(new JsonObject().put("created_by", "me")).send(),
        400, "created_by");
    assertRejected(service.api.put(path).token(sarah.token()).json(new JsonObject().put("name", null)).send(),
        400, "name");
    assertRejected(service.api.put(path).token(sarah.token())
        .json(new JsonObject().put("end_date", "2020-01-01T00:00:00Z")).send(), 400, "end_date");
  }

  @Test
  void missingOrInvalidTokenIs401() {
    assertThat(service.api.get("/api/v1/events").send().status()).isEqualTo(401);
    Answer answer = service.api.get("/api/v1/events").token("not.a.token").send();
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.errorCode()).isEqualTo("unauthorized");
  }

  @Test
  void badClientTimestampAndIdempotencyKeyAre400() {
    assertRejected(service.api.post("/api/v1/events").token(sarah.token()).header("X-Client-Timestamp", "yesterday")
        .json(EventsServiceUnderTest.newEvent("ts")).send(), 400, "X-Client-Timestamp");
    assertRejected(service.api.post("/api/v1/events").token(sarah.token()).header("Idempotency-Key", "x".repeat(300))
        .json(EventsServiceUnderTest.newEvent("key")).send(), 400, "Idempotency-Key");
  }

  @Test
  void directoryBadInputIs400AndReferencedRowCannotBeDeleted() {
    assertRejected(service.api.post("/api/v1/sponsors").token(sarah.token()).json(new JsonObject().put("tier", "gold"))
        .send(), 400, "company_name");
    assertRejected(service.api.post("/api/v1/venues").token(sarah.token())
        .json(new JsonObject().put("name", "V").put("capacity", "big")).send(), 400, "capacity");
    String sponsor = service.api.post("/api/v1/sponsors").token(sarah.token())
        .json(new JsonObject().put("company_name", "Referenced Co")).send().json().getJsonObject("sponsor").getString("id");
    assertRejected(service.api.post("/api/v1/sponsors").token(sarah.token())
        .json(new JsonObject().put("company_name", "referenced co")).send(), 409, "company_name");
    service.createEvent(sarah, EventsServiceUnderTest.newEvent("Sponsored").put("sponsor_ids", new JsonArray().add(sponsor)));
    Answer delete = service.api.delete("/api/v1/sponsors/" + sponsor).token(sarah.token()).send();
    assertRejected(delete, 409, null);
    assertThat(service.api.get("/api/v1/sponsors/" + sponsor).token(sarah.token()).send().status()).isEqualTo(200);
  }
}
