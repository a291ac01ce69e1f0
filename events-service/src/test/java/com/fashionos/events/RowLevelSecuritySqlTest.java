package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Row level security checked in SQL, behind the API's back: a connection as the database owner
 * that, inside a transaction, switches to the application role and sets the acting user exactly
 * as the service does for every request. Whatever a handler might get wrong, these are the rows
 * the database itself lets a user see and change.
 */
class RowLevelSecuritySqlTest extends EventsServiceTest {
  /** Every table (and the view) holding rows of one event, by its event column. */
  private static final List<String> EVENT_TABLES = List.of("event_team", "event_sponsors", "event_designers",
      "activity_logs", "task_summaries", "budget_summaries", "team_members");

  static Pool pool;
  static User lead;
  static User editor;
  static User viewer;
  static User outsider;
  static User stranger;
  static UUID event;
  static UUID outsidersEvent;
  static UUID sponsor;

  @BeforeAll
  static void start() {
    var db = service.database;
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
        .connectingTo(new PgConnectOptions().setHost(db.host()).setPort(db.port()).setDatabase(db.database())
            .setUser(db.user()).setPassword(db.password()).setProperties(Map.of("search_path", "events")))
        .using(service.vertx).build();

    lead = service.users.create("Rita Lead");
    editor = service.users.create("Ed Editor");
    viewer = service.users.create("Val Viewer");
    outsider = service.users.create("Oscar Outsider");
    stranger = service.users.create("Stan Stranger");
    for (User user : List.of(lead, editor, viewer, outsider, stranger)) service.touch(user);

    sponsor = UUID.fromString(service.api.post("/api/v1/sponsors").token(lead.token())
        .json(new JsonObject().put("company_name", "RLS Sponsor Co").put("tier", "gold")).send()
        .json().getJsonObject("sponsor").getString("id"));
    UUID otherSponsor = UUID.fromString(service.api.post("/api/v1/sponsors").token(lead.token())
        .json(new JsonObject().put("company_name", "RLS Other Sponsor")).send()
        .json().getJsonObject("sponsor").getString("id"));
    String designer = service.api.post("/api/v1/designers").token(lead.token())
        .json(new JsonObject().put("name", "RLS Designer")).send().json().getJsonObject("designer").getString("id");
    event = UUID.fromString(service.createEvent(lead, EventsServiceUnderTest.newEvent("RLS Event")
        .put("team_members", new JsonArray()
            .add(new JsonObject().put("user_id", editor.id().toString()).put("role", "creative_director")
                .put("permissions", "edit"))
            .add(new JsonObject().put("user_id", viewer.id().toString()).put("role", "marketing_lead")
                .put("permissions", "view_only")))
        .put("sponsor_ids", new JsonArray().add(otherSponsor.toString()))
        .put("designer_ids", new JsonArray().add(designer))));
    outsidersEvent = UUID.fromString(service.createEvent(outsider, EventsServiceUnderTest.newEvent("Outsider's event")));

    // Rows the other services' projections would write, written here as the owner.
    service.sql("INSERT INTO activity_logs (event_id, user_id, action_type, description, source_record_id, acted_at) "
        + "VALUES ($1, $2, 'note', 'RLS entry', $3, $4)", event, lead.id(), UUID.randomUUID(), OffsetDateTime.now());
    service.sql("INSERT INTO task_summaries (event_id, summary) VALUES ($1, '{\"total\": 3}')", event);
    service.sql("INSERT INTO budget_summaries (event_id, summary) VALUES ($1, '{\"total_budgeted\": 1}')", event);
  }

  @AfterAll
  static void stop() {
    pool.close().await();
  }

  @Test
  void theConnectionReallyActsAsTheApplicationRoleAndUser() {
    Row row = asUser(viewer, conn -> query(conn, "SELECT current_user AS role, current_user_id() AS me")).get(0);
    assertThat(row.getString("role")).isEqualTo("fashionos_events_app");
    assertThat(row.getUUID("me")).isEqualTo(viewer.id());
    // And only for the transaction: the next statement on the pool is the owner again.
    assertThat(service.sql("SELECT current_user AS role").get(0).getString("role")).isNotEqualTo("fashionos_events_app");
  }

  @Test
  void theOwnerSeesEveryRowOfTheEvent() {
    // The precondition of the checks below: there is something to hide in every table.
    for (String table : EVENT_TABLES) {
      assertThat(service.sql("SELECT count(*) AS n FROM " + table + " WHERE event_id = $1", event).get(0).getLong("n"))
          .as(table).isPositive();
    }
  }

  @Test
  void anOutsiderGetsNoRowsOfTheEventButTheirOwn() {
    Map<String, Long> seen = countsAs(outsider, event);
    assertThat(seen).as("rows of someone else's event").allSatisfy((table, n) -> assertThat(n).as(table).isZero());
    assertThat(asUser(outsider, conn -> query(conn, "SELECT id FROM events WHERE id = $1", event))).isEmpty();
    // Their own event is there: RLS filters by membership, it does not hide everything.
    assertThat(asUser(outsider, conn -> query(conn, "SELECT id FROM events"))).extracting(r -> r.getUUID("id"))
        .containsExactly(outsidersEvent);
    assertThat(countsAs(outsider, outsidersEvent).get("event_team")).isEqualTo(1);
  }

  @Test
  void withoutAnActingUserNothingIsVisible() {
    List<Row> rows = inTransaction(conn -> query(conn,
            "SELECT set_config('role', 'fashionos_events_app', true)")
        .compose(v -> query(conn, "SELECT (SELECT count(*) FROM events) AS events, "
            + "(SELECT count(*) FROM event_team) AS team, (SELECT count(*) FROM activity_logs) AS activity")));
    assertThat(rows.get(0).getLong("events")).isZero();
    assertThat(rows.get(0).getLong("team")).isZero();
    assertThat(rows.get(0).getLong("activity")).isZero();
  }

  @Test
  void aViewOnlyMemberSeesTheRowsButCannotChangeThem() {
    assertThat(countsAs(viewer, event)).allSatisfy((table, n) -> assertThat(n).as(table).isPositive());
    assertThat(countsAs(viewer, event).get("event_team")).isEqualTo(3);

    RowSet<Row> updated = asUserRows(viewer, conn -> conn.preparedQuery(
        "UPDATE events SET name = 'Viewer was here' WHERE id = $1").execute(Tuple.of(event)));
    assertThat(updated.rowCount()).isZero();
    assertThat(eventName(event)).isEqualTo("RLS Event");

    RowSet<Row> promoted = asUserRows(viewer, conn -> conn.preparedQuery(
        "UPDATE event_team SET permissions = 'admin' WHERE event_id = $1 AND user_id = $2")
        .execute(Tuple.of(event, viewer.id())));
    assertThat(promoted.rowCount()).isZero();
    RowSet<Row> removedOther = asUserRows(viewer, conn -> conn.preparedQuery(
        "DELETE FROM event_team WHERE event_id = $1 AND user_id = $2").execute(Tuple.of(event, editor.id())));
    assertThat(removedOther.rowCount()).isZero();

    assertSqlState("42501", () -> asUser(viewer, conn -> query(conn,
        "INSERT INTO event_team (event_id, user_id, role, permissions) VALUES ($1, $2, 'custom', 'view_only')",
        event, stranger.id())));
    assertSqlState("42501", () -> asUser(viewer, conn -> query(conn,
        "INSERT INTO event_sponsors (event_id, sponsor_id) VALUES ($1, $2)", event, sponsor)));
    assertThat(teamRole(event, viewer)).isEqualTo("marketing_lead/view_only");
    assertThat(service.sql("SELECT 1 FROM event_team WHERE user_id = $1", stranger.id())).isEmpty();
  }

  @Test
  void anOutsiderChangesNothingOfTheEvent() {
    assertThat(asUserRows(outsider, conn -> conn.preparedQuery("UPDATE events SET name = 'Hijacked' WHERE id = $1")
        .execute(Tuple.of(event))).rowCount()).isZero();
    assertThat(asUserRows(outsider, conn -> conn.preparedQuery("DELETE FROM event_team WHERE event_id = $1")
        .execute(Tuple.of(event))).rowCount()).isZero();
    assertSqlState("42501", () -> asUser(outsider, conn -> query(conn,
        "INSERT INTO event_team (event_id, user_id, role, permissions) VALUES ($1, $2, 'event_lead', 'admin')",
        event, outsider.id())));
    assertThat(eventName(event)).isEqualTo("RLS Event");
    assertThat(service.sql("SELECT count(*) AS n FROM event_team WHERE event_id = $1", event).get(0).getLong("n"))
        .isEqualTo(3);
  }

  @Test
  void anEditorLinksSponsorsButCannotChangeTheEventOrItsTeam() {
    UUID linkSponsor = UUID.fromString(service.api.post("/api/v1/sponsors").token(editor.token())
        .json(new JsonObject().put("company_name", "Editor Linked Co")).send()
        .json().getJsonObject("sponsor").getString("id"));
    assertThat(asUser(editor, conn -> query(conn,
        "INSERT INTO event_sponsors (event_id, sponsor_id) VALUES ($1, $2) RETURNING id", event, linkSponsor)))
        .hasSize(1);
    assertThat(asUserRows(editor, conn -> conn.preparedQuery("UPDATE events SET name = 'Editor rename' WHERE id = $1")
        .execute(Tuple.of(event))).rowCount()).isZero();
    assertSqlState("42501", () -> asUser(editor, conn -> query(conn,
        "INSERT INTO event_team (event_id, user_id, role) VALUES ($1, $2, 'custom')", event, stranger.id())));
    assertThat(eventName(event)).isEqualTo("RLS Event");
  }

  @Test
  void theLeadUpdatesTheEventAndManagesTheTeam() {
    UUID own = UUID.fromString(service.createEvent(lead, EventsServiceUnderTest.newEvent("Lead's RLS event")));
    assertThat(asUserRows(lead, conn -> conn.preparedQuery("UPDATE events SET name = 'Lead renamed' WHERE id = $1")
        .execute(Tuple.of(own))).rowCount()).isEqualTo(1);
    assertThat(eventName(own)).isEqualTo("Lead renamed");
    asUser(lead, conn -> query(conn,
        "INSERT INTO event_team (event_id, user_id, role, permissions) VALUES ($1, $2, 'custom', 'view_only')",
        own, stranger.id()));
    assertThat(asUserRows(lead, conn -> conn.preparedQuery(
        "UPDATE event_team SET permissions = 'edit' WHERE event_id = $1 AND user_id = $2")
        .execute(Tuple.of(own, stranger.id()))).rowCount()).isEqualTo(1);
    assertThat(teamRole(own, stranger)).isEqualTo("custom/edit");
  }

  @Test
  void nobodyWritesTheActivityFeedOrDeletesEventsAsTheApplicationRole() {
    for (User user : List.of(lead, viewer, outsider)) {
      assertSqlState("42501", () -> asUser(user, conn -> query(conn,
          "INSERT INTO activity_logs (event_id, user_id, action_type, description, source_record_id, acted_at) "
              + "VALUES ($1, $2, 'forged', 'Forged entry', $3, now())", event, user.id(), UUID.randomUUID())));
      assertSqlState("42501", () -> asUser(user, conn -> query(conn, "DELETE FROM activity_logs WHERE event_id = $1",
          event)));
      assertSqlState("42501", () -> asUser(user, conn -> query(conn, "DELETE FROM events WHERE id = $1", event)));
    }
    assertThat(service.sql("SELECT 1 FROM events WHERE id = $1", event)).hasSize(1);
    assertThat(service.sql("SELECT 1 FROM activity_logs WHERE action_type = 'forged'")).isEmpty();
  }

  @Test
  void nobodyCreatesAnEventInSomeoneElsesName() {
    assertSqlState("42501", () -> asUser(outsider, conn -> query(conn,
        "INSERT INTO events (name, type, start_date, created_by) VALUES ('Framed', 'pop_up', now(), $1)", lead.id())));
    assertThat(service.sql("SELECT 1 FROM events WHERE name = 'Framed'")).isEmpty();
  }

  @Test
  void theLastEventLeadCannotBeRemovedOrDemotedEvenByTheOwner() {
    UUID solo = UUID.fromString(service.createEvent(lead, EventsServiceUnderTest.newEvent("One lead only")));
    assertSqlState("FO409", () -> service.sql("DELETE FROM event_team WHERE event_id = $1 AND user_id = $2",
        solo, lead.id()));
    assertSqlState("FO409", () -> service.sql(
        "UPDATE event_team SET role = 'production_manager' WHERE event_id = $1 AND user_id = $2", solo, lead.id()));
    assertSqlState("FO409", () -> asUser(lead, conn -> query(conn,
        "DELETE FROM event_team WHERE event_id = $1 AND user_id = $2", solo, lead.id())));
    assertSqlState("FO409", () -> asUser(lead, conn -> query(conn,
        "UPDATE event_team SET role = 'custom' WHERE event_id = $1 AND user_id = $2", solo, lead.id())));
    assertThat(teamRole(solo, lead)).isEqualTo("event_lead/admin");

    // With a second lead, either may step down; then the other is the last one again.
    service.sql("INSERT INTO event_team (event_id, user_id, role, permissions) VALUES ($1, $2, 'event_lead', 'admin')",
        solo, editor.id());
    assertThat(asUserRows(lead, conn -> conn.preparedQuery(
        "UPDATE event_team SET role = 'creative_director' WHERE event_id = $1 AND user_id = $2")
        .execute(Tuple.of(solo, lead.id()))).rowCount()).isEqualTo(1);
    assertSqlState("FO409", () -> service.sql("DELETE FROM event_team WHERE event_id = $1 AND user_id = $2",
        solo, editor.id()));
    assertThat(teamRole(solo, editor)).isEqualTo("event_lead/admin");
  }

  // ---- helpers ----

  /** How many rows of the event each table (and events itself) shows to the user. */
  private static Map<String, Long> countsAs(User user, UUID eventId) {
    StringBuilder sql = new StringBuilder("SELECT (SELECT count(*) FROM events WHERE id = $1) AS events");
    for (String table : EVENT_TABLES) {
      sql.append(", (SELECT count(*) FROM ").append(table).append(" WHERE event_id = $1) AS ").append(table);
    }
    Row row = asUser(user, conn -> query(conn, sql.toString(), eventId)).get(0);
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    counts.put("events", row.getLong("events"));
    EVENT_TABLES.forEach(table -> counts.put(table, row.getLong(table)));
    return counts;
  }

  private static <T> T inTransaction(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(work).await();
  }

  /** Work in one transaction as the application role and this user, as the service runs a request. */
  private static <T> T asUserResult(User user, Function<SqlConnection, Future<T>> work) {
    return inTransaction(conn -> conn.preparedQuery(
            "SELECT set_config('role', 'fashionos_events_app', true), set_config('app.user_id', $1, true)")
        .execute(Tuple.of(user.id().toString()))
        .compose(v -> work.apply(conn)));
  }

  private static List<Row> asUser(User user, Function<SqlConnection, Future<List<Row>>> work) {
    return asUserResult(user, work);
  }

  private static RowSet<Row> asUserRows(User user, Function<SqlConnection, Future<RowSet<Row>>> work) {
    return asUserResult(user, work);
  }

  private static Future<List<Row>> query(SqlConnection conn, String sql, Object... args) {
    return conn.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
      List<Row> list = new ArrayList<>();
      rows.forEach(list::add);
      return list;
    });
  }

  private static void assertSqlState(String state, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(PgException.class)
        .satisfies(e -> assertThat(((PgException) e).getSqlState()).as(e.getMessage()).isEqualTo(state));
  }

  private static String eventName(UUID id) {
    return service.sql("SELECT name FROM events WHERE id = $1", id).get(0).getString("name");
  }

  private static String teamRole(UUID eventId, User user) {
    Row row = service.sql("SELECT role::text || '/' || permissions::text AS r FROM event_team "
        + "WHERE event_id = $1 AND user_id = $2", eventId, user.id()).get(0);
    return row.getString("r");
  }
}
