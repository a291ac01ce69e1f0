package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The events endpoints' happy paths: the wizard, list, detail, update, archive and restore. */
class EventApiTest extends EventsServiceTest {
  static User sarah;
  static User marcus;

  @BeforeAll
  static void start() {
    sarah = service.users.create("Sarah Chen");
    marcus = service.users.create("Marcus Webb");
    service.touch(marcus);
  }

  @Test
  void wizardCreatesTheEventWithItsTeamSponsorsAndDesigners() {
    String venue = service.api.post("/api/v1/venues").token(sarah.token())
        .json(new JsonObject().put("name", "Palazzo Reale").put("location", "Milan, Italy").put("capacity", 800))
        .send().json().getJsonObject("venue").getString("id");
    String sponsor = service.api.post("/api/v1/sponsors").token(sarah.token())
        .json(new JsonObject().put("company_name", "Wizard Sponsor Co").put("tier", "gold")).send()
        .json().getJsonObject("sponsor").getString("id");
    String designer = service.api.post("/api/v1/designers").token(sarah.token())
        .json(new JsonObject().put("name", "Ada Ferri").put("style_tags", new JsonArray().add("sustainable"))).send()
        .json().getJsonObject("designer").getString("id");

    Answer created = service.api.post("/api/v1/events").token(sarah.token()).json(EventsServiceUnderTest
            .newEvent("Milan Sustainable Fashion Showcase")
            .put("venue_id", venue)
            .put("description", "Sustainable fashion, on the runway")
            .put("team_members", new JsonArray().add(new JsonObject().put("user_id", marcus.id().toString())
                .put("role", "production_manager").put("permissions", "edit")))
            .put("sponsor_ids", new JsonArray().add(sponsor))
            .put("designer_ids", new JsonArray().add(designer)))
        .send();

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().getString("status")).isEqualTo("draft");
    assertThat(created.json().getString("tasks_generation")).isEqualTo("pending");
    assertThat(created.json().containsKey("tasks_generated")).isTrue();
    assertThat(created.json().getValue("tasks_generated")).as("null until the plan is written").isNull();
    String id = created.json().getString("event_id");

    JsonObject event = service.api.get("/api/v1/events/" + id).token(marcus.token()).send().json().getJsonObject("event");
    assertThat(event.getString("name")).isEqualTo("Milan Sustainable Fashion Showcase");
    assertThat(event.getJsonObject("venue").getString("name")).isEqualTo("Palazzo Reale");
    assertThat(event.getJsonArray("team")).hasSize(2);
    JsonObject lead = event.getJsonArray("team").getJsonObject(0);
    assertThat(lead.getString("name")).isEqualTo("Sarah Chen");
    assertThat(lead.getString("role")).isEqualTo("event_lead");
    assertThat(lead.getString("permissions")).isEqualTo("admin");
    assertThat(event.getJsonArray("sponsors").getJsonObject(0).getString("company_name")).isEqualTo("Wizard Sponsor Co");
    assertThat(event.getJsonArray("sponsors").getJsonObject(0).getString("tier")).isEqualTo("gold");
    assertThat(event.getJsonArray("designers").getJsonObject(0).getString("name")).isEqualTo("Ada Ferri");
    assertThat(event.getJsonObject("tasks_summary").getInteger("total")).isZero();
    assertThat(event.getJsonObject("budget").getJsonArray("categories")).isEmpty();
    assertThat(event.getInteger("progress")).isZero();
  }

  @Test
  void listIsPaginatedFilteredAndHidesArchivedEvents() {
    User planner = service.users.create("Paging Planner");
    for (int i = 1; i <= 5; i++) {
      service.createEvent(planner, EventsServiceUnderTest.newEvent("Paging show " + i)
          .put("start_date", "2027-0" + i + "-10T10:00:00Z"));
    }
    Answer page2 = service.api.get("/api/v1/events?limit=2&page=2").token(planner.token()).send();
    assertThat(page2.status()).isEqualTo(200);
    assertThat(page2.json().getLong("total")).isEqualTo(5);
    assertThat(page2.json().getInteger("pages")).isEqualTo(3);
    assertThat(page2.json().getInteger("page")).isEqualTo(2);
    JsonArray items = page2.array("events");
    assertThat(items).hasSize(2);
    assertThat(items.getJsonObject(0).getString("name")).isEqualTo("Paging show 3");
    assertThat(items.getJsonObject(0).getInteger("team_count")).isEqualTo(1);
    assertThat(items.getJsonObject(0).containsKey("venue_name")).isTrue();

    String first = service.api.get("/api/v1/events?q=show%201").token(planner.token()).send()
        .array("events").getJsonObject(0).getString("id");
    assertThat(service.api.delete("/api/v1/events/" + first).token(planner.token()).send().json())
        .isEqualTo(new JsonObject().put("success", true).put("status", "archived"));
    assertThat(service.api.get("/api/v1/events").token(planner.token()).send().json().getLong("total")).isEqualTo(4);
    assertThat(service.api.get("/api/v1/events?status=archived").token(planner.token()).send().json().getLong("total"))
        .isEqualTo(1);
    assertThat(service.api.get("/api/v1/events?include_archived=true").token(planner.token()).send().json()
        .getLong("total")).isEqualTo(5);

    Answer restored = service.api.post("/api/v1/events/" + first + "/restore").token(planner.token()).send();
    assertThat(restored.json().getString("status")).isEqualTo("draft");
    assertThat(service.api.get("/api/v1/events").token(planner.token()).send().json().getLong("total")).isEqualTo(5);
    assertThat(service.api.post("/api/v1/events/" + first + "/restore").token(planner.token()).send().status())
        .isEqualTo(409);
  }

  @Test
  void listSortsAndFiltersByType() {
    User planner = service.users.create("Sorting Planner");
    service.createEvent(planner, EventsServiceUnderTest.newEvent("b panel").put("type", "panel")
        .put("start_date", "2027-03-10T10:00:00Z"));
    service.createEvent(planner, EventsServiceUnderTest.newEvent("A runway").put("start_date", "2027-01-10T10:00:00Z"));
    service.createEvent(planner, EventsServiceUnderTest.newEvent("c runway").put("start_date", "2027-02-10T10:00:00Z"));

    assertThat(names("/api/v1/events", planner)).containsExactly("A runway", "c runway", "b panel");
    assertThat(names("/api/v1/events?sort=start_date&order=desc", planner))
        .containsExactly("b panel", "c runway", "A runway");
    assertThat(names("/api/v1/events?sort=name", planner)).containsExactly("A runway", "b panel", "c runway");
    assertThat(names("/api/v1/events?sort=name&order=desc&limit=2", planner)).containsExactly("c runway", "b panel");
    assertThat(names("/api/v1/events?sort=created_at&order=desc", planner))
        .containsExactly("c runway", "A runway", "b panel");
    Answer panels = service.api.get("/api/v1/events?type=panel").token(planner.token()).send();
    assertThat(panels.json().getLong("total")).isEqualTo(1);
    assertThat(panels.array("events").getJsonObject(0).getString("name")).isEqualTo("b panel");

    assertField(service.api.get("/api/v1/events?sort=budget").token(planner.token()).send(), "sort");
    assertField(service.api.get("/api/v1/events?order=up").token(planner.token()).send(), "order");
    assertField(service.api.get("/api/v1/events?type=gala").token(planner.token()).send(), "type");
  }

  @Test
  void unknownQueryParametersAreRefusedByName() {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Strict query"));
    Answer typo = service.api.get("/api/v1/events?stauts=draft").token(sarah.token()).send();
    assertField(typo, "stauts");
    assertThat(typo.json().getJsonObject("error").getString("message")).contains("stauts");
    assertField(service.api.get("/api/v1/events/" + id + "?expand=team").token(sarah.token()).send(), "expand");
    // A change refuses them too, before it changes anything.
    assertField(service.api.put("/api/v1/events/" + id + "?force=true").token(sarah.token())
        .json(new JsonObject().put("name", "Not applied")).send(), "force");
    assertThat(service.api.get("/api/v1/events/" + id).token(sarah.token()).send().json().getJsonObject("event")
        .getString("name")).isEqualTo("Strict query");
  }

  private static java.util.List<String> names(String path, User user) {
    Answer answer = service.api.get(path).token(user.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.array("events").stream().map(e -> ((JsonObject) e).getString("name")).toList();
  }

  private static void assertField(Answer answer, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.errorFields()).first().isEqualTo(field);
  }

  @Test
  void partialUpdateChangesOnlyTheGivenFields() {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Update me"));
    Answer updated = service.api.put("/api/v1/events/" + id).token(sarah.token())
        .json(new JsonObject().put("name", "Updated").put("status", "planning").put("description", null)).send();
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    // The description was already empty: resending it changes nothing and is not reported.
    assertThat(updated.json().getJsonArray("updated_fields")).containsExactlyInAnyOrder("name", "status");
    JsonObject event = service.api.get("/api/v1/events/" + id).token(sarah.token()).send().json().getJsonObject("event");
    assertThat(event.getString("name")).isEqualTo("Updated");
    assertThat(event.getString("status")).isEqualTo("planning");
    assertThat(event.getInteger("target_attendees")).isEqualTo(300);
    assertThat(event.getLong("version")).isEqualTo(2);
  }

  @Test
  void offlineWriteOlderThanTheLastChangeOfAFieldDoesNotOverwriteIt() {
    java.time.Instant now = java.time.Instant.now();
    String id = service.api.post("/api/v1/events").token(sarah.token())
        .header("X-Client-Timestamp", now.minusSeconds(3600).toString())
        .json(EventsServiceUnderTest.newEvent("Offline")).send().json().getString("event_id");
    service.api.put("/api/v1/events/" + id).token(sarah.token())
        .header("X-Client-Timestamp", now.minusSeconds(60).toString())
        .json(new JsonObject().put("name", "Newer name")).send();
    Answer stale = service.api.put("/api/v1/events/" + id).token(sarah.token())
        .header("X-Client-Timestamp", now.minusSeconds(600).toString())
        .json(new JsonObject().put("name", "Older offline name").put("target_attendees", 450)).send();
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.json().getJsonArray("updated_fields")).containsExactly("target_attendees");
    assertThat(stale.json().getJsonArray("superseded_fields")).containsExactly("name");
    JsonObject event = service.api.get("/api/v1/events/" + id).token(sarah.token()).send().json().getJsonObject("event");
    assertThat(event.getString("name")).isEqualTo("Newer name");
    assertThat(event.getInteger("target_attendees")).isEqualTo(450);
  }
}
