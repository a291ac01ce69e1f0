package com.fashionos.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.events.EventsServiceVerticle;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.ServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the realtime tests stand on: a real events-service on a fresh database and Kafka topic
 * prefix, three people (Sarah leads, Marcus is on her teams, Olivia is on none), and gateways
 * deployed on demand.
 */
final class RealtimeTestBed {
  final Vertx vertx;
  final KafkaConfig kafka;
  /** events-service's database; other services of a test take their schemas in it too. */
  final DatabaseConfig database;
  final AuthConfig auth = new AuthConfig(TestUsers.SECRET, null);
  final String eventsUrl;
  final TestApi api;
  final TestUsers users;
  final User lead;
  final User member;
  final User outsider;

  RealtimeTestBed(Vertx vertx, TestEngines.Stack stack) {
    this(vertx, stack, stack.kafka());
  }

  /** On a broker of the test's own. */
  RealtimeTestBed(Vertx vertx, TestEngines.Stack stack, KafkaConfig kafka) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.database = stack.freshDatabase().withPoolSize(4);
    EventsServiceVerticle events = new EventsServiceVerticle(new ServiceConfig(0, database, kafka, auth));
    vertx.deployVerticle(events).await();
    eventsUrl = "http://localhost:" + events.port();
    api = new TestApi(eventsUrl);
    users = new TestUsers(vertx);
    lead = users.create("Sarah Chen");
    member = users.create("Marcus Webb");
    outsider = users.create("Olivia Out");
    // A teammate can be added by id only once events-service has seen them.
    for (User user : List.of(lead, member, outsider)) {
      assertThat(api.get("/api/v1/events").token(user.token()).send().status()).isEqualTo(200);
    }
  }

  RealtimeConfig config() {
    return new RealtimeConfig(0, kafka, auth, eventsUrl);
  }

  /** Deploys a gateway replica; {@code undeploy} with the returned id stops it. */
  RealtimeGatewayVerticle gateway(RealtimeConfig.Limits limits) {
    RealtimeGatewayVerticle gateway = new RealtimeGatewayVerticle(config().withLimits(limits));
    vertx.deployVerticle(gateway).await();
    return gateway;
  }

  /** An event led by Sarah with Marcus on its team; returns its id. */
  String eventWithMember(String name) {
    JsonObject body = new JsonObject()
        .put("name", name)
        .put("type", "runway_show")
        .put("start_date", "2027-06-15T14:00:00Z")
        .put("target_attendees", 300)
        .put("budget_categories", new JsonArray().add(new JsonObject().put("category", "venue").put("budgeted_amount", 45000)));
    TestApi.Answer created = api.post("/api/v1/events").token(lead.token()).json(body).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("event_id");
    TestApi.Answer added = api.post("/api/v1/events/" + id + "/team").token(lead.token())
        .json(new JsonObject().put("user_id", member.id().toString()).put("role", "production_manager")).send();
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    return id;
  }

  void rename(String id, String name) {
    TestApi.Answer answer = api.put("/api/v1/events/" + id).token(lead.token()).json(new JsonObject().put("name", name)).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  static Predicate<JsonObject> renamedTo(String name) {
    return m -> "change".equals(m.getString("type")) && "events".equals(m.getString("table"))
        && "update".equals(m.getString("operation")) && name.equals(m.getJsonObject("new").getString("name"));
  }

  /** Change frames from {@code next} up to and including the rename to {@code name}. */
  static List<JsonObject> changesUntilRenamedTo(String name, Supplier<JsonObject> next) {
    List<JsonObject> frames = new ArrayList<>();
    JsonObject frame;
    do {
      frame = next.get();
      frames.add(frame);
    } while (!renamedTo(name).test(frame));
    return frames;
  }

  /** The SSE stream of the event, from the cursor when there is one. */
  static String streamUri(String id, String cursor) {
    String uri = RealtimeGatewayVerticle.PATH + "/events/" + id + "/stream";
    return cursor == null ? uri : uri + "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  /** The polling feed of the event. */
  static String changesUri(String id, String since, Integer limit) {
    List<String> query = new java.util.ArrayList<>();
    if (since != null) query.add("since=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
    if (limit != null) query.add("limit=" + limit);
    return "/api/v1/events/" + id + "/changes" + (query.isEmpty() ? "" : "?" + String.join("&", query));
  }

  static Map<String, String> bearer(User user) {
    return Map.of("Authorization", "Bearer " + user.token());
  }

  static List<String> recordIds(List<JsonObject> frames) {
    return frames.stream().map(m -> m.getString("record_id")).toList();
  }

  /** The names the event was renamed to, in the order of the frames. */
  static List<String> renames(List<JsonObject> frames) {
    return frames.stream().filter(m -> "events".equals(m.getString("table")) && "update".equals(m.getString("operation")))
        .map(m -> m.getJsonObject("new").getString("name")).toList();
  }

  static Predicate<JsonObject> presenceOf(String id) {
    return m -> "presence".equals(m.getString("type")) && id.equals(m.getString("event_id"));
  }

  static List<String> viewers(JsonObject presence) {
    return presence.getJsonArray("viewers").stream().map(v -> ((JsonObject) v).getString("user_id")).toList();
  }
}
