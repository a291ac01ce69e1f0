package com.fashionos.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.events.EventsServiceVerticle;
import com.fashionos.files.FilesServiceConfig;
import com.fashionos.files.FilesServiceVerticle;
import com.fashionos.files.file.FileLinks;
import com.fashionos.files.file.LinkKeys;
import com.fashionos.files.upload.UploadLimits;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A real events-service, files-service and budget-service sharing a fresh database and a topic
 * prefix: budget learns memberships and the wizard's allocations from events' change records, and
 * checks invoice files with files-service, as in production. One per test class.
 */
final class BudgetStack implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final DatabaseConfig database;
  final KafkaConfig kafka;
  final TestUsers users = new TestUsers(vertx);
  final TestApi events;
  final TestApi budget;
  final TestApi files;
  private final Pool owner;

  BudgetStack(TestEngines.Stack stack) {
    database = stack.freshDatabase().withPoolSize(4);
    kafka = stack.kafka();
    ServiceConfig common = new ServiceConfig(0, database, kafka, new AuthConfig(TestUsers.SECRET, null));
    EventsServiceVerticle eventsService = new EventsServiceVerticle(common);
    vertx.deployVerticle(eventsService).await();
    FilesServiceVerticle filesService = new FilesServiceVerticle(new FilesServiceConfig(common,
        "http://localhost:" + eventsService.port(), stack.s3(), FilesServiceConfig.DEFAULT_QUOTA_BYTES,
        UploadLimits.DEFAULTS, new FileLinks.Settings(Optional.empty(), new LinkKeys(TestUsers.SECRET, Optional.empty()), false)));
    vertx.deployVerticle(filesService).await();
    BudgetServiceVerticle budgetService = new BudgetServiceVerticle(new BudgetServiceConfig(common,
        "http://localhost:" + eventsService.port(), "http://localhost:" + filesService.port()));
    vertx.deployVerticle(budgetService).await();
    events = new TestApi("http://localhost:" + eventsService.port());
    files = new TestApi("http://localhost:" + filesService.port());
    budget = new TestApi("http://localhost:" + budgetService.port());
    owner = PgBuilder.pool().connectingTo(Database.connectOptions(database, BudgetServiceVerticle.SCHEMA)).using(vertx).build();
  }

  /** SQL as the owner of schema budget. */
  List<Row> sql(String statement, Object... args) {
    List<Row> rows = new ArrayList<>();
    owner.preparedQuery(statement).execute(Tuple.from(args)).await().forEach(rows::add);
    return rows;
  }

  /** SQL as the application role acting for a user, as every request runs: row level security applies. */
  List<Row> sqlAs(UUID userId, String statement, Object... args) {
    List<Row> rows = new ArrayList<>();
    owner.withTransaction(conn -> conn.preparedQuery("SELECT set_config('role', 'fashionos_budget_app', true),"
            + " set_config('app.user_id', $1, true)").execute(Tuple.of(userId.toString()))
        .compose(v -> conn.preparedQuery(statement).execute(Tuple.from(args)))).await().forEach(rows::add);
    return rows;
  }

  /**
   * Everything stored about the event's budget, as the owner reads it: its categories, expenses
   * and reallocations, row by row. Equal before and after a call that changed nothing.
   */
  String snapshot(String eventId) {
    return sql("SELECT jsonb_build_object("
        + "'categories', (SELECT jsonb_agg(to_jsonb(c.*) ORDER BY c.category) FROM event_budget_categories c WHERE c.event_id = $1),"
        + "'expenses', (SELECT jsonb_agg(to_jsonb(e.*) ORDER BY e.id) FROM expenses e WHERE e.event_id = $1),"
        + "'reallocations', (SELECT jsonb_agg(to_jsonb(r.*) ORDER BY r.id) FROM reallocations r WHERE r.event_id = $1)"
        + ")::text AS snapshot", UUID.fromString(eventId)).get(0).getString("snapshot");
  }

  /** Makes the person known to events-service (their first request). */
  void signIn(TestUsers.User user) {
    events.get("/api/v1/events").token(user.token()).send();
  }

  /**
   * Creates an event the caller leads, with the wizard's budget lines {category, amount} and these
   * teammates, and waits until budget-service has made its categories.
   */
  String createEvent(TestUsers.User lead, JsonArray budgetLines, JsonObject... team) {
    JsonObject body = new JsonObject().put("name", "Budget show").put("type", "runway_show")
        .put("start_date", "2027-09-10T19:00:00Z").put("budget_categories", budgetLines)
        .put("team_members", new JsonArray(List.of((Object[]) team)));
    TestApi.Answer answer = events.post("/api/v1/events").token(lead.token()).json(body).send();
    if (answer.status() != 201) throw new AssertionError("create event failed: " + answer);
    String eventId = answer.json().getString("event_id");
    Eventually.eventually("the wizard's categories", () -> budgetOf(lead, eventId), b -> b.getJsonArray("categories").size() == budgetLines.size());
    return eventId;
  }

  static JsonObject line(String category, Object amount) {
    return new JsonObject().put("category", category).put("budgeted_amount", amount);
  }

  static JsonObject member(TestUsers.User user, String role, String permissions) {
    return new JsonObject().put("user_id", user.id().toString()).put("role", role).put("permissions", permissions);
  }

  /** Uploads a small PDF to the event's documents as the user (a lead) and answers its file id. */
  String uploadDocument(TestUsers.User user, String eventId) {
    String boundary = "invoice-boundary";
    String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"invoice.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n\r\n--" + boundary + "--\r\n";
    TestApi.Answer answer = files.post("/api/v1/events/" + eventId + "/files?bucket=event-documents").token(user.token())
        .raw(form).header("Content-Type", "multipart/form-data; boundary=" + boundary).send();
    if (answer.status() != 201) throw new AssertionError("upload failed: " + answer);
    return answer.json().getJsonObject("file").getString("id");
  }

  JsonObject budgetOf(TestUsers.User user, String eventId) {
    TestApi.Answer answer = budget.get("/api/v1/events/" + eventId + "/budget").token(user.token()).send();
    if (answer.status() != 200) throw new AssertionError("GET budget failed: " + answer);
    return answer.json();
  }

  /** The category's entry of a budget answer. */
  static JsonObject category(JsonObject budget, String category) {
    return budget.getJsonArray("categories").stream().map(JsonObject.class::cast)
        .filter(c -> category.equals(c.getString("category"))).findFirst().orElseThrow();
  }

  /** The category's entry of the budget the user reads. */
  JsonObject categoryOf(TestUsers.User user, String eventId, String category) {
    return category(budgetOf(user, eventId), category);
  }

  static String expensesPath(String eventId) {
    return "/api/v1/events/" + eventId + "/expenses";
  }

  static String budgetPath(String eventId) {
    return "/api/v1/events/" + eventId + "/budget";
  }

  /** Moves budgeted money between two categories and answers the response. */
  TestApi.Answer reallocate(TestUsers.User user, String eventId, String from, String to, Object amount) {
    return budget.post(budgetPath(eventId) + "/reallocations").token(user.token())
        .json(new JsonObject().put("from", from).put("to", to).put("amount", amount)).send();
  }

  /**
   * Asserts an error answer: the status and the shape {@code {"error":{"code","message",
   * "details":[{"field","issue"}]}}} naming the field.
   */
  static void assertRejected(TestApi.Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    JsonObject error = answer.json().getJsonObject("error");
    assertThat(error).as(answer.toString()).isNotNull();
    assertThat(error.getString("code")).as(answer.toString()).isNotBlank();
    assertThat(error.getString("message")).as(answer.toString()).isNotBlank();
    JsonArray details = error.getJsonArray("details");
    assertThat(details).as(answer.toString()).isNotEmpty();
    assertThat(details).allSatisfy(d -> {
      assertThat(((JsonObject) d).getString("field")).isNotBlank();
      assertThat(((JsonObject) d).getString("issue")).isNotBlank();
    });
    assertThat(answer.errorFields()).as(answer.toString()).contains(field);
  }

  /** Adds an expense and answers the response. */
  TestApi.Answer addExpense(TestUsers.User user, String eventId, String category, String name, Object amount) {
    return budget.post("/api/v1/events/" + eventId + "/expenses").token(user.token())
        .json(new JsonObject().put("category", category).put("name", name).put("amount", amount)).send();
  }

  @Override
  public void close() {
    owner.close().await();
    vertx.close().await();
  }
}
