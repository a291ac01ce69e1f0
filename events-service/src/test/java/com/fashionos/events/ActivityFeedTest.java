package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The activity projection turns change records into the team's feed, newest first. */
class ActivityFeedTest extends EventsServiceTest {
  static User sarah;
  static User marcus;

  @BeforeAll
  static void start() {
    sarah = service.users.create("Sarah Chen");
    marcus = service.users.create("Marcus Webb");
    service.touch(marcus);
  }

  private static JsonArray awaitFeed(String eventId, int entries) {
    return Eventually.eventually(entries + " entries in the activity feed",
        () -> service.api.get("/api/v1/events/" + eventId + "/activity").token(sarah.token()).send().array("activity"),
        feed -> feed.size() >= entries);
  }

  @Test
  void feedDescribesWhatTheTeamDidWithWhenTheyActed() throws InterruptedException {
    // Created (on a laptop) two hours ago; the offline edit below acted after that.
    String id = service.api.post("/api/v1/events").token(sarah.token())
        .header("X-Client-Timestamp", Instant.now().minusSeconds(7200).toString())
        .json(EventsServiceUnderTest.newEvent("Feed show")).send().json().getString("event_id");
    service.api.post("/api/v1/events/" + id + "/team").token(sarah.token())
        .json(new JsonObject().put("user_id", marcus.id().toString()).put("role", "production_manager")
            .put("permissions", "edit")).send();
    Instant offline = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    service.api.put("/api/v1/events/" + id).token(sarah.token()).header("X-Client-Timestamp", offline.toString())
        .json(new JsonObject().put("target_attendees", 500)).send();
    service.api.delete("/api/v1/events/" + id).token(sarah.token()).send();

    // Latest acted first: the offline edit acted an hour ago, so it sits below what was done since.
    JsonArray feed = awaitFeed(id, 5);
    assertThat(feed.stream().map(e -> ((JsonObject) e).getString("description"))).containsExactly(
        "Sarah Chen archived the event",
        "Sarah Chen added Marcus Webb to the team as production manager",
        "Sarah Chen updated the event's target attendees",
        "Sarah Chen joined the team as event lead",
        "Sarah Chen created the event 'Feed show'");
    JsonObject update = feed.getJsonObject(2);
    assertThat(update.getString("action_type")).isEqualTo("event_updated");
    assertThat(Instant.parse(update.getString("acted_at").replace("+00:00", "Z"))).isEqualTo(offline);
    assertThat(update.getString("user_name")).isEqualTo("Sarah Chen");
    assertThat(feed.getJsonObject(4).getString("action_type")).isEqualTo("event_created");

    Answer page = service.api.get("/api/v1/events/" + id + "/activity?limit=2").token(sarah.token()).send();
    assertThat(page.array("activity")).hasSize(2);
    String before = page.json().getString("next_before");
    assertThat(before).as("a cursor that needs no escaping in a URL").matches("[A-Za-z0-9_-]+");
    JsonArray older = service.api.get("/api/v1/events/" + id + "/activity?limit=10&before=" + before)
        .token(sarah.token()).send().array("activity");
    assertThat(older.stream().map(e -> ((JsonObject) e).getString("description"))).containsExactly(
        "Sarah Chen updated the event's target attendees",
        "Sarah Chen joined the team as event lead",
        "Sarah Chen created the event 'Feed show'");

    // A date-time still works as the cursor: everything acted before it.
    JsonArray beforeOffline = service.api.get("/api/v1/events/" + id + "/activity?before=" + offline)
        .token(sarah.token()).send().array("activity");
    assertThat(beforeOffline).hasSize(2);
    Answer bad = service.api.get("/api/v1/events/" + id + "/activity?before=not-a-cursor").token(sarah.token()).send();
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorFields()).first().isEqualTo("before");
  }

  @Test
  void anOfflineChangeThatLostToANewerOneIsInTheFeed() throws InterruptedException {
    Instant now = Instant.now();
    String id = service.api.post("/api/v1/events").token(sarah.token())
        .header("X-Client-Timestamp", now.minusSeconds(7200).toString())
        .json(EventsServiceUnderTest.newEvent("Superseded show")).send().json().getString("event_id");
    service.api.put("/api/v1/events/" + id).token(sarah.token())
        .json(new JsonObject().put("name", "Renamed online")).send();
    service.api.put("/api/v1/events/" + id).token(sarah.token()).header("X-Client-Timestamp", now.minusSeconds(600).toString())
        .json(new JsonObject().put("name", "Renamed on the plane")).send();
    // created, joined as lead, renamed online, and the offline rename that lost
    JsonArray feed = awaitFeed(id, 4);
    // The lost change acted ten minutes ago: below the online rename, which acted later.
    assertThat(feed.getJsonObject(0).getString("action_type")).isEqualTo("event_updated");
    JsonObject lost = feed.getJsonObject(1);
    assertThat(lost.getString("action_type")).isEqualTo("change_superseded");
    assertThat(lost.getString("description"))
        .isEqualTo("Sarah Chen's offline change to the name of the event was not applied: a newer change came first");
    assertThat(lost.getJsonObject("metadata").getJsonArray("superseded_fields")).containsExactly("name");
  }

  @Test
  void outsidersGet404ForTheFeed() {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Private feed"));
    User outsider = service.users.create("Olga Outsider");
    assertThat(service.api.get("/api/v1/events/" + id + "/activity").token(outsider.token()).send().status())
        .isEqualTo(404);
  }
}
