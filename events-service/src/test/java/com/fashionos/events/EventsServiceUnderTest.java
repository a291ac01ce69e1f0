package com.fashionos.events;

import com.fashionos.platform.db.Database;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.ServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A real events-service on a fresh database and its own Kafka topic prefix, driven over HTTP.
 * One per test class.
 */
final class EventsServiceUnderTest implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final DatabaseConfig database;
  final KafkaConfig kafka;
  final TestUsers users = new TestUsers(vertx);
  final TestApi api;
  final String deploymentId;
  private final Pool owner;

  EventsServiceUnderTest(TestEngines.Stack stack) {
    database = stack.freshDatabase().withPoolSize(4);
    kafka = stack.kafka();
    EventsServiceVerticle verticle = new EventsServiceVerticle(
        new ServiceConfig(0, database, kafka, new AuthConfig(TestUsers.SECRET, null)));
    deploymentId = vertx.deployVerticle(verticle).await();
    api = new TestApi("http://localhost:" + verticle.port());
    owner = PgBuilder.pool().connectingTo(Database.connectOptions(database, EventsServiceVerticle.SCHEMA)).using(vertx).build();
  }

  /** Runs SQL as the schema owner (what the tests check behind the API's back). */
  List<Row> sql(String statement, Object... args) {
    List<Row> rows = new ArrayList<>();
    owner.preparedQuery(statement).execute(Tuple.from(args)).await().forEach(rows::add);
    return rows;
  }

  long count(String table) {
    return sql("SELECT count(*) AS n FROM " + table).get(0).getLong("n");
  }

  /** A minimal valid wizard body. */
  static JsonObject newEvent(String name) {
    return new JsonObject()
        .put("name", name)
        .put("type", "runway_show")
        .put("start_date", "2027-06-15T14:00:00Z")
        .put("target_attendees", 300)
        .put("budget_categories", new JsonArray().add(new JsonObject().put("category", "venue").put("budgeted_amount", 45000)));
  }

  /** Creates an event as this user and returns its id. */
  String createEvent(TestUsers.User user, JsonObject body) {
    TestApi.Answer answer = api.post("/api/v1/events").token(user.token()).json(body).send();
    if (answer.status() != 201) throw new AssertionError("create failed: " + answer);
    return answer.json().getString("event_id");
  }

  /** Adds a directory entry ({@code sponsor}, {@code designer}, {@code venue}) as this user; returns its id. */
  String directoryEntry(TestUsers.User user, String kind, JsonObject body) {
    TestApi.Answer created = api.post("/api/v1/" + kind + "s").token(user.token()).json(body).send();
    if (created.status() != 201) throw new AssertionError("directory entry not created: " + created);
    return created.json().getJsonObject(kind).getString("id");
  }

  /** Signs the user in once so their profile exists (as the first request of a session does). */
  void touch(TestUsers.User user) {
    TestApi.Answer answer = api.get("/api/v1/events").token(user.token()).send();
    if (answer.status() != 200) throw new AssertionError("list failed: " + answer);
  }

  @Override
  public void close() {
    owner.close().await();
    vertx.close().await();
  }
}
