package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix of docs/permissions.md, cell by cell, allow and deny, through the API.
 * Each cell is its own test case named "subject action -> status". Cells that change state get
 * an event of their own; every cell checks the database as well as the status, so a denied call
 * that still changed something fails.
 */
class PermissionMatrixTest extends EventsServiceTest {

  /** Who calls, relative to the event. */
  enum Subject {
    EVENT_LEAD("event_lead"), ADMIN("admin"), EDIT("edit"), VIEW_ONLY("view_only"), OUTSIDER("outsider");

    final String label;

    Subject(String label) {
      this.label = label;
    }
  }

  /** What they try. */
  enum Action {
    VIEW("view event"), LIST("appear in list"), UPDATE("update event"), ARCHIVE("archive event"),
    RESTORE("restore event"), LIST_TEAM("list team"), ADD_MEMBER("add team member"),
    CHANGE_ROLE("change member role"), REMOVE_OTHER("remove other member"), LEAVE("leave (remove self)"),
    VIEW_ACTIVITY("view activity");

    final String label;

    Action(String label) {
      this.label = label;
    }
  }

  /**
   * The matrix. A number is the expected status; "listed"/"hidden" is whether GET /api/v1/events
   * (200 for everyone) shows the event. 403: the caller sees the event but may not do this;
   * 404: the caller cannot see the event at all (existence does not leak).
   */
  private static final String[] MATRIX = {
      //           view    list     update archive restore team  add  change remove leave activity
      "event_lead  200     listed   200    200     200     200   201  200    200    200   200",
      "admin       200     listed   200    200     200     200   201  200    200    200   200",
      "edit        200     listed   403    403     403     200   403  403    403    200   200",
      "view_only   200     listed   403    403     403     200   403  403    403    200   200",
      "outsider    404     hidden   404    404     404     404   404  404    404    404   404",
  };

  static User lead;
  static User coLead;
  static User admin;
  static User edit;
  static User viewOnly;
  static User target;
  static User outsider;
  static String outsidersOwnEvent;
  /** The event of the cells that change nothing. */
  static String shared;
  static final String SHARED_NAME = "Matrix Shared Showcase";
  static UUID activityMarker;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @BeforeAll
  static void start() {
    lead = service.users.create("Lena Lead");
    coLead = service.users.create("Cole Colead");
    admin = service.users.create("Ada Admin");
    edit = service.users.create("Eddie Editor");
    viewOnly = service.users.create("Vera Viewer");
    target = service.users.create("Tara Target");
    outsider = service.users.create("Otto Outsider");
    for (User user : List.of(lead, coLead, admin, edit, viewOnly, target, outsider)) service.touch(user);
    outsidersOwnEvent = service.createEvent(outsider, EventsServiceUnderTest.newEvent("Otto's own show"));
    shared = freshEvent(SHARED_NAME);
    activityMarker = UUID.randomUUID();
    service.sql("INSERT INTO activity_logs (id, event_id, user_id, action_type, description, source_record_id, acted_at) "
            + "VALUES ($1, $2, $3, 'note', 'Matrix marker entry', $4, $5)",
        activityMarker, UUID.fromString(shared), lead.id(), UUID.randomUUID(), OffsetDateTime.now());
  }

  /**
   * An event created by the lead (event_lead/admin) with a second lead (so the lead may leave),
   * an admin (production_manager/admin), an editor, a viewer and a target teammate (custom/view_only).
   */
  static String freshEvent(String name) {
    JsonArray team = new JsonArray()
        .add(member(coLead, "event_lead", "admin"))
        .add(member(admin, "production_manager", "admin"))
        .add(member(edit, "creative_director", "edit"))
        .add(member(viewOnly, "marketing_lead", "view_only"))
        .add(member(target, "custom", "view_only"));
    return service.createEvent(lead, EventsServiceUnderTest.newEvent(name).put("team_members", team));
  }

  private static JsonObject member(User user, String role, String permissions) {
    return new JsonObject().put("user_id", user.id().toString()).put("role", role).put("permissions", permissions);
  }

  static User user(Subject subject) {
    return switch (subject) {
      case EVENT_LEAD -> lead;
      case ADMIN -> admin;
      case EDIT -> edit;
      case VIEW_ONLY -> viewOnly;
      case OUTSIDER -> outsider;
    };
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (String line : MATRIX) {
      String[] columns = line.trim().split("\\s+");
      assertThat(columns).hasSize(Action.values().length + 1);
      Subject subject = Subject.valueOf(columns[0].toUpperCase(java.util.Locale.ROOT));
      for (Action action : Action.values()) {
        String expected = columns[action.ordinal() + 1];
        String shown = expected.matches("\\d+") ? expected : "200, " + expected;
        cells.add(Arguments.argumentSet(subject.label + " " + action.label + " -> " + shown, subject, action, expected));
      }
    }
    return cells.stream();
  }

  @Test
  void theMatrixCoversEverySubjectAndAction() {
    assertThat(cells().count()).isEqualTo((long) Subject.values().length * Action.values().length);
  }

  @ParameterizedTest(name = "{argumentSetName}")
  @MethodSource("cells")
  void cell(Subject subject, Action action, String expected) {
    User me = user(subject);
    switch (action) {
      case VIEW -> view(me, expected);
      case LIST -> list(me, expected);
      case UPDATE -> update(me, expected);
      case ARCHIVE -> archive(me, expected);
      case RESTORE -> restore(me, expected);
      case LIST_TEAM -> listTeam(me, expected);
      case ADD_MEMBER -> addMember(me, expected);
      case CHANGE_ROLE -> changeRole(me, expected);
      case REMOVE_OTHER -> removeOther(me, expected);
      case LEAVE -> leave(me, subject, expected);
      case VIEW_ACTIVITY -> viewActivity(me, expected);
    }
  }

  // ---- the actions, each asserting the status and what the database holds afterwards ----

  private void view(User me, String expected) {
    Answer answer = service.api.get("/api/v1/events/" + shared).token(me.token()).send();
    assertStatus(answer, expected);
    if (allowed(expected)) {
      JsonObject event = answer.json().getJsonObject("event");
      assertThat(event.getString("id")).isEqualTo(shared);
      assertThat(event.getString("name")).isEqualTo(SHARED_NAME);
      assertThat(userIds(event.getJsonArray("team"))).contains(me.id().toString()).hasSize(6);
    } else {
      assertThat(answer.text()).doesNotContain(SHARED_NAME);
    }
  }

  private void list(User me, String expected) {
    Answer answer = service.api.get("/api/v1/events?limit=100").token(me.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    List<String> ids = answer.array("events").stream().map(e -> ((JsonObject) e).getString("id")).toList();
    if (expected.equals("listed")) {
      assertThat(ids).contains(shared);
    } else {
      assertThat(expected).isEqualTo("hidden");
      assertThat(ids).doesNotContain(shared);
      assertThat(answer.text()).doesNotContain(SHARED_NAME);
      // The list works for them: their own event is there.
      assertThat(ids).contains(outsidersOwnEvent);
    }
    // Nobody sees an event they are not part of (the outsider's own).
    if (me != outsider) assertThat(ids).doesNotContain(outsidersOwnEvent);
  }

  private void update(User me, String expected) {
    String id = freshEvent("Matrix update " + COUNTER.incrementAndGet());
    String before = eventColumn(id, "name");
    Answer answer = service.api.put("/api/v1/events/" + id).token(me.token())
        .json(new JsonObject().put("name", "Renamed by " + me.name())).send();
    assertStatus(answer, expected);
    assertThat(eventColumn(id, "name")).isEqualTo(allowed(expected) ? "Renamed by " + me.name() : before);
  }

  private void archive(User me, String expected) {
    String id = freshEvent("Matrix archive " + COUNTER.incrementAndGet());
    Answer answer = service.api.delete("/api/v1/events/" + id).token(me.token()).send();
    assertStatus(answer, expected);
    assertThat(eventColumn(id, "status::text")).isEqualTo(allowed(expected) ? "archived" : "draft");
  }

  private void restore(User me, String expected) {
    String id = freshEvent("Matrix restore " + COUNTER.incrementAndGet());
    Answer archived = service.api.delete("/api/v1/events/" + id).token(lead.token()).send();
    assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
    Answer answer = service.api.post("/api/v1/events/" + id + "/restore").token(me.token()).send();
    assertStatus(answer, expected);
    assertThat(eventColumn(id, "status::text")).isEqualTo(allowed(expected) ? "draft" : "archived");
  }

  private void listTeam(User me, String expected) {
    Answer answer = service.api.get("/api/v1/events/" + shared + "/team").token(me.token()).send();
    assertStatus(answer, expected);
    if (allowed(expected)) {
      assertThat(userIds(answer.array("team"))).containsExactlyInAnyOrder(lead.id().toString(),
          coLead.id().toString(), admin.id().toString(), edit.id().toString(), viewOnly.id().toString(),
          target.id().toString());
    } else {
      assertThat(answer.text()).doesNotContain(lead.id().toString());
    }
  }

  private void addMember(User me, String expected) {
    String id = freshEvent("Matrix add " + COUNTER.incrementAndGet());
    User newcomer = service.users.create("Newcomer " + COUNTER.incrementAndGet());
    service.touch(newcomer);
    Answer answer = service.api.post("/api/v1/events/" + id + "/team").token(me.token())
        .json(member(newcomer, "casting_director", "view_only")).send();
    assertStatus(answer, expected);
    if (allowed(expected)) {
      assertThat(answer.json().getJsonObject("member").getString("user_id")).isEqualTo(newcomer.id().toString());
      assertThat(answer.json().getJsonObject("member").getString("name")).isEqualTo(newcomer.name());
    }
    assertThat(teamRow(id, newcomer)).as("newcomer's membership").isEqualTo(allowed(expected)
        ? Map.of("role", "casting_director", "permissions", "view_only") : null);
  }

  private void changeRole(User me, String expected) {
    String id = freshEvent("Matrix change " + COUNTER.incrementAndGet());
    Answer answer = service.api.put("/api/v1/events/" + id + "/team/" + target.id()).token(me.token())
        .json(new JsonObject().put("role", "sponsor_liaison").put("permissions", "edit")).send();
    assertStatus(answer, expected);
    assertThat(teamRow(id, target)).isEqualTo(allowed(expected)
        ? Map.of("role", "sponsor_liaison", "permissions", "edit")
        : Map.of("role", "custom", "permissions", "view_only"));
  }

  private void removeOther(User me, String expected) {
    String id = freshEvent("Matrix remove " + COUNTER.incrementAndGet());
    Answer answer = service.api.delete("/api/v1/events/" + id + "/team/" + target.id()).token(me.token()).send();
    assertStatus(answer, expected);
    assertThat(teamRow(id, target)).isEqualTo(allowed(expected) ? null
        : Map.of("role", "custom", "permissions", "view_only"));
    assertThat(teamSize(id)).isEqualTo(allowed(expected) ? 5 : 6);
  }

  private void leave(User me, Subject subject, String expected) {
    String id = freshEvent("Matrix leave " + COUNTER.incrementAndGet());
    Answer answer = service.api.delete("/api/v1/events/" + id + "/team/" + me.id()).token(me.token()).send();
    assertStatus(answer, expected);
    assertThat(teamRow(id, me)).isNull();
    assertThat(teamSize(id)).isEqualTo(allowed(expected) ? 5 : 6);
    if (allowed(expected)) {
      Answer afterwards = service.api.get("/api/v1/events/" + id).token(me.token()).send();
      // The creator keeps read access to what they created (spec: created_by OR member); others lose it.
      assertThat(afterwards.status()).as(afterwards.toString()).isEqualTo(subject == Subject.EVENT_LEAD ? 200 : 404);
      if (subject == Subject.EVENT_LEAD) {
        Answer manage = service.api.put("/api/v1/events/" + id).token(me.token())
            .json(new JsonObject().put("name", "Not mine to change any more")).send();
        assertThat(manage.status()).as(manage.toString()).isEqualTo(403);
      }
    }
  }

  private void viewActivity(User me, String expected) {
    Answer answer = service.api.get("/api/v1/events/" + shared + "/activity?limit=100").token(me.token()).send();
    assertStatus(answer, expected);
    if (allowed(expected)) {
      List<String> ids = answer.array("activity").stream().map(e -> ((JsonObject) e).getString("id")).toList();
      assertThat(ids).contains(activityMarker.toString());
    } else {
      assertThat(answer.text()).doesNotContain("Matrix marker entry");
    }
  }

  // ---- directories: open to every signed-in user, referenced rows cannot be deleted ----

  @Test
  void directoriesAreReadAndWrittenByAnySignedInUserButNotAnonymously() {
    User stranger = service.users.create("Directory Stranger");
    Answer created = service.api.post("/api/v1/sponsors").token(lead.token())
        .json(new JsonObject().put("company_name", "Matrix Directory Co " + UUID.randomUUID()).put("tier", "silver"))
        .send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String sponsor = created.json().getJsonObject("sponsor").getString("id");

    Answer read = service.api.get("/api/v1/sponsors/" + sponsor).token(stranger.token()).send();
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    Answer changed = service.api.put("/api/v1/sponsors/" + sponsor).token(stranger.token())
        .json(new JsonObject().put("tier", "gold")).send();
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(service.sql("SELECT tier::text AS tier FROM sponsors WHERE id = $1", UUID.fromString(sponsor))
        .get(0).getString("tier")).isEqualTo("gold");

    assertThat(service.api.get("/api/v1/sponsors/" + sponsor).send().status()).isEqualTo(401);
    assertThat(service.api.delete("/api/v1/sponsors/" + sponsor).send().status()).isEqualTo(401);
    assertThat(service.api.get("/api/v1/events/" + shared).send().status()).isEqualTo(401);

    Answer deleted = service.api.delete("/api/v1/sponsors/" + sponsor).token(stranger.token()).send();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(service.sql("SELECT 1 FROM sponsors WHERE id = $1", UUID.fromString(sponsor))).isEmpty();
  }

  @Test
  void aDirectoryRowAnEventRefersToCannotBeDeleted() {
    String venue = service.api.post("/api/v1/venues").token(lead.token())
        .json(new JsonObject().put("name", "Matrix Hall").put("capacity", 200)).send()
        .json().getJsonObject("venue").getString("id");
    String sponsor = service.api.post("/api/v1/sponsors").token(lead.token())
        .json(new JsonObject().put("company_name", "Matrix Linked Co " + UUID.randomUUID())).send()
        .json().getJsonObject("sponsor").getString("id");
    String designer = service.api.post("/api/v1/designers").token(lead.token())
        .json(new JsonObject().put("name", "Matrix Designer")).send()
        .json().getJsonObject("designer").getString("id");
    service.createEvent(lead, EventsServiceUnderTest.newEvent("Matrix references").put("venue_id", venue)
        .put("sponsor_ids", new JsonArray().add(sponsor)).put("designer_ids", new JsonArray().add(designer)));

    for (String path : List.of("/api/v1/venues/" + venue, "/api/v1/sponsors/" + sponsor, "/api/v1/designers/" + designer)) {
      Answer answer = service.api.delete(path).token(lead.token()).send();
      assertThat(answer.status()).as(path + ": " + answer).isEqualTo(409);
      assertThat(answer.errorCode()).isEqualTo("reference_invalid");
    }
    assertThat(service.sql("SELECT 1 FROM venues WHERE id = $1", UUID.fromString(venue))).hasSize(1);
    assertThat(service.sql("SELECT 1 FROM sponsors WHERE id = $1", UUID.fromString(sponsor))).hasSize(1);
    assertThat(service.sql("SELECT 1 FROM designers WHERE id = $1", UUID.fromString(designer))).hasSize(1);
  }

  // ---- helpers ----

  private static boolean allowed(String expected) {
    return expected.startsWith("2");
  }

  /** The status, and for a denial a JSON error with the matching code. */
  private static void assertStatus(Answer answer, String expected) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(Integer.parseInt(expected));
    assertThat(answer.headers().get("content-type")).startsWith("application/json");
    if (answer.status() == 403) assertThat(answer.errorCode()).isEqualTo("forbidden");
    if (answer.status() == 404) assertThat(answer.errorCode()).isEqualTo("not_found");
  }

  private static List<String> userIds(JsonArray members) {
    return members.stream().map(m -> ((JsonObject) m).getString("user_id")).toList();
  }

  private static String eventColumn(String id, String column) {
    return service.sql("SELECT " + column + " AS v FROM events WHERE id = $1", UUID.fromString(id)).get(0).getString("v");
  }

  private static Map<String, String> teamRow(String eventId, User user) {
    List<Row> rows = service.sql("SELECT role::text AS role, permissions::text AS permissions FROM event_team "
        + "WHERE event_id = $1 AND user_id = $2", UUID.fromString(eventId), user.id());
    return rows.isEmpty() ? null : Map.of("role", rows.get(0).getString("role"),
        "permissions", rows.get(0).getString("permissions"));
  }

  private static long teamSize(String eventId) {
    return service.sql("SELECT count(*) AS n FROM event_team WHERE event_id = $1", UUID.fromString(eventId))
        .get(0).getLong("n");
  }
}
