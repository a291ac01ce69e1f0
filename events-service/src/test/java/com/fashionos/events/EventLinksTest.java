package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sponsors and designers of an event are added, changed and removed after the wizard. */
class EventLinksTest extends EventsServiceTest {
  static User sarah;
  static User viewer;
  static User outsider;

  @BeforeAll
  static void start() {
    sarah = service.users.create("Sarah Chen");
    viewer = service.users.create("Vera Viewer");
    outsider = service.users.create("Olga Outsider");
    service.touch(viewer);
  }

  private static String eventWithViewer(String name) {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent(name));
    Answer added = service.api.post("/api/v1/events/" + id + "/team").token(sarah.token())
        .json(new JsonObject().put("user_id", viewer.id().toString()).put("role", "sponsor_liaison")
            .put("permissions", "view_only")).send();
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    return id;
  }

  private static String directory(String kind, JsonObject body) {
    return service.directoryEntry(sarah, kind, body);
  }

  private static void assertIssue(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.errorFields()).first().isEqualTo(field);
  }

  @Test
  void sponsorsAreAddedChangedAndRemovedWithTheirFeedEntries() {
    String id = eventWithViewer("Sponsored show");
    String sponsor = directory("sponsor", new JsonObject().put("company_name", "Links Sponsor Co").put("tier", "gold"));
    String path = "/api/v1/events/" + id + "/sponsors";

    Answer added = service.api.post(path).token(sarah.token())
        .json(new JsonObject().put("sponsor_id", sponsor).put("amount", "25000.50").put("currency", "EUR")).send();
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    JsonObject link = added.json().getJsonObject("sponsor");
    assertThat(link.getString("tier")).as("the directory's tier, unless given").isEqualTo("gold");
    assertThat(link.getString("amount")).as("money as a decimal string").isEqualTo("25000.50");
    assertThat(link.getString("status")).isEqualTo("pending");

    assertIssue(service.api.post(path).token(sarah.token()).json(new JsonObject().put("sponsor_id", sponsor)).send(),
        409, "sponsor_id");
    assertIssue(service.api.post(path).token(sarah.token())
        .json(new JsonObject().put("sponsor_id", UUID.randomUUID().toString())).send(), 422, "sponsor_id");

    Answer list = service.api.get(path).token(viewer.token()).send();
    assertThat(list.json().getInteger("total")).isEqualTo(1);
    JsonObject detail = service.api.get("/api/v1/events/" + id).token(viewer.token()).send().json().getJsonObject("event");
    assertThat(detail.getJsonArray("sponsors")).as("the event detail shows the same").isEqualTo(list.array("sponsors"));

    Answer changed = service.api.put(path + "/" + sponsor).token(sarah.token())
        .json(new JsonObject().put("status", "confirmed").put("currency", "EUR")).send();
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.json().getJsonObject("sponsor").getString("status")).isEqualTo("confirmed");
    assertThat(changed.json().getJsonArray("updated_fields")).as("the currency did not change").containsExactly("status");
    assertIssue(service.api.put(path + "/" + sponsor).token(sarah.token()).json(new JsonObject().putNull("status")).send(),
        400, "status");
    assertIssue(service.api.put(path + "/" + sponsor).token(sarah.token()).json(new JsonObject().put("amount", "-1")).send(),
        400, "amount");

    assertThat(service.api.put(path + "/" + sponsor).token(viewer.token()).json(new JsonObject().put("status", "active"))
        .send().status()).as("view_only members read, they do not write").isEqualTo(403);
    assertThat(service.api.get(path).token(outsider.token()).send().status()).isEqualTo(404);
    assertThat(service.api.delete(path + "/" + sponsor).token(outsider.token()).send().status()).isEqualTo(404);

    assertThat(service.api.delete(path + "/" + sponsor).token(sarah.token()).send().status()).isEqualTo(200);
    assertThat(service.api.get(path).token(sarah.token()).send().array("sponsors")).isEmpty();
    assertThat(service.api.delete(path + "/" + sponsor).token(sarah.token()).send().status()).isEqualTo(404);

    JsonArray feed = Eventually.eventually("the sponsor's entries in the feed",
        () -> service.api.get("/api/v1/events/" + id + "/activity").token(sarah.token()).send().array("activity"),
        entries -> entries.stream().anyMatch(e -> ((JsonObject) e).getString("action_type").equals("sponsor_removed")));
    assertThat(feed.stream().map(e -> ((JsonObject) e).getString("description"))).contains(
        "Sarah Chen added sponsor Links Sponsor Co",
        "Sarah Chen removed sponsor Links Sponsor Co");
  }

  @Test
  void designersAnswerAndTheirOrderIsKept() {
    String id = eventWithViewer("Designer show");
    String ada = directory("designer", new JsonObject().put("name", "Ada Ferri"));
    String bo = directory("designer", new JsonObject().put("name", "Bo Lind"));
    String path = "/api/v1/events/" + id + "/designers";

    Answer accepted = service.api.post(path).token(sarah.token())
        .json(new JsonObject().put("designer_id", ada).put("invitation_status", "accepted").put("show_order", 2)).send();
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    assertThat(accepted.json().getJsonObject("designer").getString("responded_at")).isNotNull();
    service.api.post(path).token(sarah.token()).json(new JsonObject().put("designer_id", bo).put("show_order", 1)).send();

    assertThat(service.api.get(path).token(viewer.token()).send().array("designers").stream()
        .map(d -> ((JsonObject) d).getString("name"))).containsExactly("Bo Lind", "Ada Ferri");

    Answer reopened = service.api.put(path + "/" + ada).token(sarah.token())
        .json(new JsonObject().put("invitation_status", "sent").put("number_of_looks", 12)).send();
    assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
    assertThat(reopened.json().getJsonObject("designer").getValue("responded_at")).isNull();
    assertThat(reopened.json().getJsonObject("designer").getInteger("number_of_looks")).isEqualTo(12);
    assertIssue(service.api.put(path + "/" + ada).token(sarah.token()).json(new JsonObject().put("looks", 3)).send(),
        400, "looks");

    assertThat(service.api.delete("/api/v1/events/" + id).token(sarah.token()).send().status()).isEqualTo(200);
    Answer archived = service.api.post(path).token(sarah.token())
        .json(new JsonObject().put("designer_id", directory("designer", new JsonObject().put("name", "Cy Late")))).send();
    assertThat(archived.status()).isEqualTo(409);
    assertThat(archived.json().getJsonObject("error").getString("code")).isEqualTo("event_archived");
  }
}
