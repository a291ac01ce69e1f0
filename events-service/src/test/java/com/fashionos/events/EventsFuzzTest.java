package com.fashionos.events;

import com.fashionos.embedded.Fuzz;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fuzz suite over events-service's mutating endpoints (events create and update, team add and
 * change, the directories' create and update):
 * hostile bodies and paths get a 4xx JSON error naming the field, never a 5xx, within the bound,
 * and change nothing stored (see {@link Fuzz}).
 */
class EventsFuzzTest extends EventsServiceTest {
  static User lead;
  static User teammate;
  static String eventId;
  static String sponsorId;
  /** The venues' free-form JSON fields and the read-only fields a client may echo back to a directory. */
  static final Set<String> DIRECTORY_TOLERATES = Set.of("pricing_tiers", "technical_specs", "id", "created_at",
      "updated_at", "version");

  @BeforeAll
  static void start() {
    lead = service.users.create("Sarah Chen");
    teammate = service.users.create("Marcus Webb");
    service.touch(teammate);
    eventId = service.createEvent(lead, EventsServiceUnderTest.newEvent("Fuzzed show"));
    service.api.post("/api/v1/events/" + eventId + "/team").token(lead.token())
        .json(new JsonObject().put("user_id", teammate.id().toString()).put("role", "custom")).send();
    sponsorId = service.api.post("/api/v1/sponsors").token(lead.token()).json(new JsonObject().put("company_name", "Fuzz Co"))
        .send().json().getJsonObject("sponsor").getString("id");
    service.api.post("/api/v1/events/" + eventId + "/sponsors").token(lead.token())
        .json(new JsonObject().put("sponsor_id", sponsorId)).send();
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
        + "'members', (SELECT jsonb_agg(to_jsonb(t.*) ORDER BY t.user_id) FROM event_team t WHERE t.event_id = $1::uuid),"
        + "'venues', (SELECT count(*) FROM venues), 'sponsors', (SELECT count(*) FROM sponsors),"
        + "'sponsor', (SELECT to_jsonb(s.*) FROM sponsors s WHERE s.id = $2::uuid),"
        + "'event_sponsors', (SELECT jsonb_agg(to_jsonb(es.*)) FROM event_sponsors es WHERE es.event_id = $1::uuid)"
        + ")::text AS state", eventId, sponsorId).get(0).getString("state");
  }

  private static void fuzz(String name, String method, String template, JsonObject valid, Set<String> tolerated) {
    Map<String, String> params = new HashMap<>();
    if (template.contains("{id}")) params.put("id", template.startsWith("/api/v1/sponsors") ? sponsorId : eventId);
    if (template.contains("{userId}")) params.put("userId", teammate.id().toString());
    if (template.contains("{sponsorId}")) params.put("sponsorId", sponsorId);
    Fuzz.run(name, service.api.baseUrl(), method, lead.token(), Fuzz.endpointAttacks(template, params, valid, tolerated),
        EventsFuzzTest::state, Fuzz.TRIES);
  }

  @Test
  void creatingAnEvent() {
    JsonObject valid = EventsServiceUnderTest.newEvent("Fuzz show").put("description", "A show")
        .put("goals", new JsonArray().add("press")).put("end_date", "2027-06-15T18:00:00Z").put("timezone", "Europe/Rome")
        .put("budget_categories", new JsonArray().add(new JsonObject().put("category", "venue")
            .put("budgeted_amount", "45000.00").put("currency", "EUR")))
        .put("team_members", new JsonArray().add(new JsonObject().put("email", "guest@fuzz.example")
            .put("role", "custom").put("permissions", "view_only")));
    fuzz("POST /events", "POST", "/api/v1/events", valid, Set.of());
  }

  @Test
  void changingAnEvent() {
    JsonObject valid = new JsonObject().put("name", "Renamed").put("description", "Changed").put("status", "planning")
        .put("start_date", "2027-06-15T14:00:00Z").put("end_date", "2027-06-16T14:00:00Z").put("target_attendees", 250)
        .put("actual_attendees", 10).put("goals", new JsonArray().add("sales")).put("timezone", "UTC");
    fuzz("PUT /events/{id}", "PUT", "/api/v1/events/{id}", valid, Set.of());
  }

  @Test
  void addingATeammate() {
    JsonObject valid = new JsonObject().put("email", "new.person@fuzz.example").put("role", "marketing_lead")
        .put("permissions", "edit");
    fuzz("POST /events/{id}/team", "POST", "/api/v1/events/{id}/team", valid, Set.of());
  }

  @Test
  void changingATeammate() {
    JsonObject valid = new JsonObject().put("role", "marketing_lead").put("permissions", "edit");
    fuzz("PUT /events/{id}/team/{userId}", "PUT", "/api/v1/events/{id}/team/{userId}", valid, Set.of());
  }

  @Test
  void changingAnEventsSponsor() {
    JsonObject valid = new JsonObject().put("tier", "silver").put("amount", "1200.00").put("currency", "EUR")
        .put("status", "confirmed").put("contract_id", "6a1f0c8e-2f4b-4c59-9a55-0d0f7a2b9c11");
    fuzz("PUT /events/{id}/sponsors/{sponsorId}", "PUT", "/api/v1/events/{id}/sponsors/{sponsorId}", valid, Set.of());
  }

  @Test
  void creatingAVenue() {
    JsonObject valid = new JsonObject().put("name", "Hall 9").put("location", "Milan").put("address", "Via Tortona 9")
        .put("capacity", 500).put("layout_options", new JsonArray().add("runway")).put("amenities", new JsonArray().add("wifi"))
        .put("pricing_tiers", new JsonObject().put("day", "1000.00")).put("floor_plan_url", "https://x.example/plan.pdf")
        .put("technical_specs", new JsonObject().put("power", "400V"));
    fuzz("POST /venues", "POST", "/api/v1/venues", valid, DIRECTORY_TOLERATES);
  }

  @Test
  void changingASponsor() {
    JsonObject valid = new JsonObject().put("company_name", "Fuzz Company").put("industry", "Beauty").put("tier", "gold")
        .put("website", "https://fuzz.example").put("primary_contact_email", "pr@fuzz.example").put("notes", "Met in May");
    fuzz("PUT /sponsors/{id}", "PUT", "/api/v1/sponsors/{id}", valid, DIRECTORY_TOLERATES);
  }
}
