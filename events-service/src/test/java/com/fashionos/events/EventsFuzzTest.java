package com.fashionos.events;

import com.fashionos.embedded.Fuzz;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fuzz suite over events-service's mutating endpoints (create, update, team add and change):
 * hostile bodies and paths get a 4xx JSON error naming the field, never a 5xx, within the bound,
 * and change nothing stored (see {@link Fuzz}).
 */
class EventsFuzzTest extends EventsServiceTest {
  static User lead;
  static User teammate;
  static String eventId;

  @BeforeAll
  static void start() {
    lead = service.users.create("Sarah Chen");
    teammate = service.users.create("Marcus Webb");
    service.touch(teammate);
    eventId = service.createEvent(lead, EventsServiceUnderTest.newEvent("Fuzzed show"));
    service.api.post("/api/v1/events/" + eventId + "/team").token(lead.token())
        .json(new JsonObject().put("user_id", teammate.id().toString()).put("role", "custom")).send();
  }

  @AfterAll
  static void summary() {
    Fuzz.summary();
  }

  /**
   * Everything a refused request could have touched: row counts, the fuzzed event and its team.
   * (Not the outbox: the relay empties it and consumers add to it on their own time.)
   */
  private static String state() {
    return service.sql("SELECT jsonb_build_object("
        + "'events', (SELECT count(*) FROM events), 'team', (SELECT count(*) FROM event_team),"
        + "'profiles', (SELECT count(*) FROM profiles),"
        + "'event', (SELECT to_jsonb(e.*) FROM events e WHERE e.id = $1::uuid),"
        + "'members', (SELECT jsonb_agg(to_jsonb(t.*) ORDER BY t.user_id) FROM event_team t WHERE t.event_id = $1::uuid)"
        + ")::text AS state", eventId).get(0).getString("state");
  }

  private static void fuzz(String name, String method, String template, JsonObject valid, Arbitrary<Fuzz.Attack> paths) {
    String path = template.replace("{id}", eventId).replace("{userId}", teammate.id().toString());
    Arbitrary<Fuzz.Attack> attacks = paths == null ? Fuzz.bodyAttacks(path, valid)
        : Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Fuzz.bodyAttacks(path, valid)), net.jqwik.api.Tuple.of(1, paths));
    Fuzz.run(name, service.api.baseUrl(), method, lead.token(), attacks, EventsFuzzTest::state, Fuzz.TRIES);
  }

  private static Arbitrary<Fuzz.Attack> pathAttacks(String template, JsonObject valid) {
    String withUser = template.replace("{userId}", teammate.id().toString());
    Arbitrary<Fuzz.Attack> onEvent = Fuzz.pathAttacks(withUser, "id", eventId, valid);
    if (!template.contains("{userId}")) return onEvent;
    return Arbitraries.oneOf(onEvent,
        Fuzz.pathAttacks(template.replace("{id}", eventId), "userId", teammate.id().toString(), valid));
  }

  @Test
  void creatingAnEvent() {
    JsonObject valid = EventsServiceUnderTest.newEvent("Fuzz show").put("description", "A show")
        .put("goals", new JsonArray().add("press")).put("end_date", "2027-06-15T18:00:00Z").put("timezone", "Europe/Rome")
        .put("budget_categories", new JsonArray().add(new JsonObject().put("category", "venue")
            .put("budgeted_amount", "45000.00").put("currency", "EUR")))
        .put("team_members", new JsonArray().add(new JsonObject().put("email", "guest@fuzz.example")
            .put("role", "custom").put("permissions", "view_only")));
    fuzz("POST /events", "POST", "/api/v1/events", valid, null);
  }

  @Test
  void changingAnEvent() {
    JsonObject valid = new JsonObject().put("name", "Renamed").put("description", "Changed").put("status", "planning")
        .put("start_date", "2027-06-15T14:00:00Z").put("end_date", "2027-06-16T14:00:00Z").put("target_attendees", 250)
        .put("actual_attendees", 10).put("goals", new JsonArray().add("sales")).put("timezone", "UTC");
    fuzz("PUT /events/{id}", "PUT", "/api/v1/events/{id}", valid, pathAttacks("/api/v1/events/{id}", valid));
  }

  @Test
  void addingATeammate() {
    JsonObject valid = new JsonObject().put("email", "new.person@fuzz.example").put("role", "marketing_lead")
        .put("permissions", "edit");
    fuzz("POST /events/{id}/team", "POST", "/api/v1/events/{id}/team", valid,
        pathAttacks("/api/v1/events/{id}/team", valid));
  }

  @Test
  void changingATeammate() {
    JsonObject valid = new JsonObject().put("role", "marketing_lead").put("permissions", "edit");
    String template = "/api/v1/events/{id}/team/{userId}";
    fuzz("PUT /events/{id}/team/{userId}", "PUT", template, valid, pathAttacks(template, valid));
  }
}
