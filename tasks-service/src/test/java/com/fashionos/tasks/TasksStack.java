package com.fashionos.tasks;

import com.fashionos.platform.db.Database;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.events.EventsServiceVerticle;
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
 * A real events-service and tasks-service sharing a fresh database and a topic prefix: tasks
 * learns memberships from events' change records, as in production. One per test class.
 */
final class TasksStack implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final DatabaseConfig database;
  final KafkaConfig kafka;
  final TestUsers users = new TestUsers(vertx);
  final TestApi events;
  final TestApi tasks;
  private final Pool owner;

  TasksStack(TestEngines.Stack stack) {
    database = stack.freshDatabase().withPoolSize(4);
    kafka = stack.kafka();
    ServiceConfig common = new ServiceConfig(0, database, kafka, new AuthConfig(TestUsers.SECRET, null));
    EventsServiceVerticle eventsService = new EventsServiceVerticle(common);
    vertx.deployVerticle(eventsService).await();
    TasksServiceVerticle tasksService = new TasksServiceVerticle(
        new TasksServiceConfig(common, "http://localhost:" + eventsService.port(), 200));
    vertx.deployVerticle(tasksService).await();
    events = new TestApi("http://localhost:" + eventsService.port());
    tasks = new TestApi("http://localhost:" + tasksService.port());
    owner = PgBuilder.pool().connectingTo(Database.connectOptions(database, TasksServiceVerticle.SCHEMA)).using(vertx).build();
  }

  /** SQL as the owner of schema tasks. */
  List<Row> sql(String statement, Object... args) {
    List<Row> rows = new ArrayList<>();
    owner.preparedQuery(statement).execute(Tuple.from(args)).await().forEach(rows::add);
    return rows;
  }

  /**
   * The plan of a statement with sequential scans priced out: a scan of the table left in it means
   * no index can serve the statement, however large the table grows.
   */
  String planWithoutSeqScans(String statement) {
    List<String> lines = new ArrayList<>();
    owner.withTransaction(conn -> conn.query("SET LOCAL enable_seqscan = off").execute()
        .compose(v -> conn.query("EXPLAIN " + statement).execute())).await()
        .forEach(row -> lines.add(row.getString(0)));
    return String.join("\n", lines);
  }

  /** SQL as the application role acting for a user, as every request runs: row level security applies. */
  List<Row> sqlAs(java.util.UUID userId, String statement, Object... args) {
    List<Row> rows = new ArrayList<>();
    owner.withTransaction(conn -> conn.preparedQuery("SELECT set_config('role', 'fashionos_tasks_app', true),"
            + " set_config('app.user_id', $1, true)").execute(Tuple.of(userId.toString()))
        .compose(v -> conn.preparedQuery(statement).execute(Tuple.from(args)))).await().forEach(rows::add);
    return rows;
  }

  /** Creates an event (the caller leads it) with these teammates {user, role, permissions}. */
  String createEvent(TestUsers.User lead, String startDate, JsonObject... team) {
    JsonObject body = new JsonObject().put("name", "Task show").put("type", "runway_show").put("start_date", startDate)
        .put("team_members", new JsonArray(List.of((Object[]) team)));
    TestApi.Answer answer = events.post("/api/v1/events").token(lead.token()).json(body).send();
    if (answer.status() != 201) throw new AssertionError("create event failed: " + answer);
    return answer.json().getString("event_id");
  }

  static JsonObject member(TestUsers.User user, String role, String permissions) {
    return new JsonObject().put("user_id", user.id().toString()).put("role", role).put("permissions", permissions);
  }

  /** Makes the person known to events-service (their first request). */
  void signIn(TestUsers.User user) {
    events.get("/api/v1/events").token(user.token()).send();
  }

  /** Creates a task and returns its id. */
  String createTask(TestUsers.User user, String eventId, JsonObject task) {
    TestApi.Answer answer = tasks.post("/api/v1/events/" + eventId + "/tasks").token(user.token()).json(task).send();
    if (answer.status() != 201) throw new AssertionError("create task failed: " + answer);
    return answer.json().getString("task_id");
  }

  static JsonObject task(String name, String... dependencies) {
    return new JsonObject().put("name", name).put("phase", "pre_production").put("priority", "high")
        .put("deadline", "2027-05-01T18:00:00Z").put("estimated_hours", 8)
        .put("dependencies", new JsonArray(List.of((Object[]) dependencies)));
  }

  @Override
  public void close() {
    owner.close().await();
    vertx.close().await();
  }
}
