package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/v1/events/{id}/team}: adding (by id or e-mail), changing, removing and leaving. */
class TeamApiTest extends EventsServiceTest {
  static User lead;
  static User marcus;
  static User priya;

  @BeforeAll
  static void start() {
    lead = service.users.create("Sarah Chen");
    marcus = service.users.create("Marcus Webb");
    priya = service.users.create("Priya Patel");
    service.touch(lead);
    service.touch(marcus);
    service.touch(priya);
  }

  private static String newEvent(String name) {
    return service.createEvent(lead, EventsServiceUnderTest.newEvent(name));
  }

  private static Answer add(String eventId, User as, JsonObject body) {
    return service.api.post("/api/v1/events/" + eventId + "/team").token(as.token()).json(body).send();
  }

  private static Answer change(String eventId, User as, UUID member, JsonObject body) {
    return service.api.put("/api/v1/events/" + eventId + "/team/" + member).token(as.token()).json(body).send();
  }

  private static Answer remove(String eventId, User as, UUID member) {
    return service.api.delete("/api/v1/events/" + eventId + "/team/" + member).token(as.token()).send();
  }

  private static JsonObject byId(User user, String role, String permissions) {
    JsonObject body = new JsonObject().put("user_id", user.id().toString()).put("role", role);
    return permissions == null ? body : body.put("permissions", permissions);
  }

  private static JsonArray team(String eventId, User as) {
    Answer answer = service.api.get("/api/v1/events/" + eventId + "/team").token(as.token()).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.array("team");
  }

  private static JsonObject memberOf(JsonArray team, UUID userId) {
    return team.stream().map(JsonObject.class::cast).filter(m -> userId.toString().equals(m.getString("user_id")))
        .findFirst().orElse(null);
  }

  private static long teamSize(String eventId) {
    return service.sql("SELECT count(*) AS n FROM event_team WHERE event_id = $1", UUID.fromString(eventId))
        .get(0).getLong("n");
  }

  @Test
  void addByUserIdAnswers201WithTheMembersName() {
    String id = newEvent("Team by id");
    Answer added = add(id, lead, byId(marcus, "production_manager", "edit"));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    JsonObject member = added.json().getJsonObject("member");
    assertThat(member.getString("user_id")).isEqualTo(marcus.id().toString());
    assertThat(member.getString("name")).isEqualTo("Marcus Webb");
    assertThat(member.getString("email")).isEqualTo(marcus.email());
    assertThat(member.getString("role")).isEqualTo("production_manager");
    assertThat(member.getString("permissions")).isEqualTo("edit");

    JsonArray team = team(id, marcus);
    assertThat(team).hasSize(2);
    assertThat(team.getJsonObject(0).getString("role")).as("the lead comes first").isEqualTo("event_lead");
    assertThat(memberOf(team, marcus.id())).isEqualTo(member);
  }

  @Test
  void permissionsDefaultToViewOnlyAndToAdminForAnEventLead() {
    String id = newEvent("Team defaults");
    assertThat(add(id, lead, byId(marcus, "casting_director", null)).json().getJsonObject("member")
        .getString("permissions")).isEqualTo("view_only");
    assertThat(add(id, lead, byId(priya, "event_lead", null)).json().getJsonObject("member")
        .getString("permissions")).isEqualTo("admin");
  }

  @Test
  void addByEmailInvitesEvenSomeoneWithAnAccount() {
    // An address proves nothing (standalone sends no mail): Priya joins only with the token.
    String id = newEvent("Team by e-mail");
    Answer added = add(id, lead, new JsonObject().put("email", priya.email().toUpperCase(Locale.ROOT))
        .put("role", "sponsor_liaison"));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.json().containsKey("member")).isFalse();
    JsonObject invitation = added.json().getJsonObject("invitation");
    assertThat(invitation.getString("email")).isEqualTo(priya.email());
    assertThat(invitation.getString("permissions")).isEqualTo("view_only");
    assertThat(teamSize(id)).isEqualTo(1);
    assertThat(service.api.get("/api/v1/events/" + id).token(priya.token()).send().status()).isEqualTo(404);

    Answer accepted = service.api.post("/api/v1/invitations/accept").token(priya.token())
        .json(new JsonObject().put("token", invitation.getString("token"))).send();
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(memberOf(team(id, priya), priya.id()).getString("role")).isEqualTo("sponsor_liaison");
    List<Row> profiles = service.sql("SELECT id FROM profiles WHERE lower(email) = lower($1)", priya.email());
    assertThat(profiles).hasSize(1);
  }

  @Test
  void addingSomeoneAlreadyOnTheTeamIs409() {
    String id = newEvent("Team duplicate");
    assertThat(add(id, lead, byId(marcus, "custom", "view_only")).status()).isEqualTo(201);
    Answer duplicate = add(id, lead, byId(marcus, "creative_director", "edit"));
    assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
    assertThat(duplicate.errorCode()).isEqualTo("already_exists");
    Answer self = add(id, lead, byId(lead, "custom", "view_only"));
    assertThat(self.status()).as(self.toString()).isEqualTo(409);
    assertThat(teamSize(id)).isEqualTo(2);
    assertThat(memberOf(team(id, lead), marcus.id()).getString("role")).isEqualTo("custom");
  }

  @Test
  void addingAUserWhoDoesNotExistIs422() {
    String id = newEvent("Team unknown user");
    Answer answer = add(id, lead, new JsonObject().put("user_id", UUID.randomUUID().toString()).put("role", "custom"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    assertThat(answer.errorFields()).containsExactly("user_id");
    assertThat(teamSize(id)).isEqualTo(1);
  }

  @Test
  void theLeadChangesRoleAndPermissions() {
    String id = newEvent("Team change");
    add(id, lead, byId(marcus, "custom", "view_only"));

    Answer both = change(id, lead, marcus.id(), new JsonObject().put("role", "venue_coordinator").put("permissions", "edit"));
    assertThat(both.status()).as(both.toString()).isEqualTo(200);
    assertThat(both.json().getJsonObject("member").getString("role")).isEqualTo("venue_coordinator");
    assertThat(both.json().getJsonObject("member").getString("permissions")).isEqualTo("edit");
    assertThat(both.json().getJsonObject("member").getString("name")).isEqualTo("Marcus Webb");

    Answer onlyPermissions = change(id, lead, marcus.id(), new JsonObject().put("permissions", "admin"));
    assertThat(onlyPermissions.json().getJsonObject("member").getString("role")).isEqualTo("venue_coordinator");
    assertThat(onlyPermissions.json().getJsonObject("member").getString("permissions")).isEqualTo("admin");
    // Now an admin, Marcus manages the event (the same as its lead) ...
    Answer updated = service.api.put("/api/v1/events/" + id).token(marcus.token())
        .json(new JsonObject().put("name", "Renamed by an admin")).send();
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

    // ... until his permissions go back to view_only.
    Answer onlyRole = change(id, lead, marcus.id(), new JsonObject().put("permissions", "view_only"));
    assertThat(onlyRole.json().getJsonObject("member").getString("permissions")).isEqualTo("view_only");
    Answer denied = service.api.put("/api/v1/events/" + id).token(marcus.token())
        .json(new JsonObject().put("name", "Renamed by a viewer")).send();
    assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
    assertThat(service.sql("SELECT role::text || '/' || permissions::text AS r FROM event_team "
        + "WHERE event_id = $1 AND user_id = $2", UUID.fromString(id), marcus.id()).get(0).getString("r"))
        .isEqualTo("venue_coordinator/view_only");
  }

  @Test
  void theLastEventLeadCanNeitherBeDemotedNorRemoved() {
    String id = newEvent("Team last lead");
    add(id, lead, byId(marcus, "production_manager", "admin"));

    for (Answer answer : List.of(
        change(id, lead, lead.id(), new JsonObject().put("role", "creative_director")),
        change(id, marcus, lead.id(), new JsonObject().put("role", "custom")),
        remove(id, lead, lead.id()),
        remove(id, marcus, lead.id()))) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
      assertThat(answer.headers().get("content-type")).startsWith("application/json");
      assertThat(answer.errorCode()).isEqualTo("rule_violated");
      assertThat(answer.json().getJsonObject("error").getString("message")).contains("event lead");
    }
    assertThat(memberOf(team(id, lead), lead.id()).getString("role")).isEqualTo("event_lead");

    // With a second lead, the first may step down and even leave.
    assertThat(change(id, lead, marcus.id(), new JsonObject().put("role", "event_lead")).status()).isEqualTo(200);
    Answer stepDown = change(id, lead, lead.id(), new JsonObject().put("role", "creative_director"));
    assertThat(stepDown.status()).as(stepDown.toString()).isEqualTo(200);
    Answer leave = remove(id, lead, lead.id());
    assertThat(leave.status()).as(leave.toString()).isEqualTo(200);
    assertThat(remove(id, marcus, marcus.id()).status()).as("Marcus is the last lead now").isEqualTo(409);
    assertThat(teamSize(id)).isEqualTo(1);
  }

  @Test
  void aMemberMayLeave() {
    String id = newEvent("Team leave");
    add(id, lead, byId(marcus, "creative_director", "edit"));
    add(id, lead, byId(priya, "custom", "view_only"));

    Answer left = remove(id, priya, priya.id());
    assertThat(left.status()).as(left.toString()).isEqualTo(200);
    assertThat(left.json().getBoolean("success")).isTrue();
    assertThat(memberOf(team(id, lead), priya.id())).isNull();
    assertThat(service.api.get("/api/v1/events/" + id).token(priya.token()).send().status())
        .as("gone with the membership").isEqualTo(404);
    assertThat(remove(id, priya, priya.id()).status()).as("leaving twice").isEqualTo(404);

    Answer removedByLead = remove(id, lead, marcus.id());
    assertThat(removedByLead.status()).as(removedByLead.toString()).isEqualTo(200);
    assertThat(teamSize(id)).isEqualTo(1);
  }

  @Test
  void anUnknownMemberIs404() {
    String id = newEvent("Team unknown member");
    UUID nobody = UUID.randomUUID();
    for (Answer answer : List.of(change(id, lead, nobody, new JsonObject().put("role", "custom")),
        change(id, lead, priya.id(), new JsonObject().put("role", "custom")),
        remove(id, lead, nobody),
        remove(id, lead, priya.id()))) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
      assertThat(answer.errorCode()).isEqualTo("not_found");
    }
    // And an unknown event, for a lead of other events, is a 404 too.
    String unknownEvent = UUID.randomUUID().toString();
    assertThat(add(unknownEvent, lead, byId(marcus, "custom", null)).status()).isEqualTo(404);
    assertThat(service.api.get("/api/v1/events/" + unknownEvent + "/team").token(lead.token()).send().status())
        .isEqualTo(404);
  }

  @ParameterizedTest(name = "add {0} -> 400 naming {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"user_id\":\"%s\",\"role\":\"boss\"}|role",
      "{\"user_id\":\"%s\"}|role",
      "{\"user_id\":\"%s\",\"role\":\"custom\",\"permissions\":\"owner\"}|permissions",
      "{\"user_id\":\"%s\",\"email\":\"both@example.com\",\"role\":\"custom\"}|email",
      "{\"role\":\"custom\"}|user_id",
      "{\"user_id\":null,\"role\":\"custom\"}|user_id",
      "{\"email\":null,\"role\":\"custom\"}|user_id",
      "{\"user_id\":\"not-a-uuid\",\"role\":\"custom\"}|user_id",
      "{\"email\":\"not-an-address\",\"role\":\"custom\"}|email",
      "{\"email\":42,\"role\":\"custom\"}|email",
  })
  void badAdditionsAre400NamingTheField(String template, String field) {
    String id = newEvent("Team bad input " + field);
    long profiles = service.count("profiles");
    Answer answer = service.api.post("/api/v1/events/" + id + "/team").token(lead.token())
        .raw(template.formatted(marcus.id())).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.headers().get("content-type")).startsWith("application/json");
    assertThat(answer.errorFields()).as(answer.toString()).contains(field);
    assertThat(teamSize(id)).isEqualTo(1);
    assertThat(service.count("profiles")).as("no pending profile made").isEqualTo(profiles);
  }

  @Test
  void theWizardRejectsATeammateWithANullIdAndNoEmail() {
    long events = service.count("events");
    long profiles = service.count("profiles");
    Answer answer = service.api.post("/api/v1/events").token(lead.token()).json(EventsServiceUnderTest
        .newEvent("Wizard null teammate").put("team_members", new JsonArray()
            .add(new JsonObject().put("user_id", (String) null).put("role", "custom"))
            .add(new JsonObject().put("email", (String) null).put("role", "custom")))).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.errorFields()).contains("team_members[0].user_id", "team_members[1].user_id");
    assertThat(service.count("events")).isEqualTo(events);
    assertThat(service.count("profiles")).isEqualTo(profiles);
  }

  @ParameterizedTest(name = "change {0} -> 400 naming {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"role\":\"boss\"}|role",
      "{\"permissions\":\"owner\"}|permissions",
      "{}|role",
      "{\"role\":null,\"permissions\":null}|role",
  })
  void badChangesAre400NamingTheField(String body, String field) {
    String id = newEvent("Team bad change " + field);
    add(id, lead, byId(marcus, "custom", "view_only"));
    Answer answer = service.api.put("/api/v1/events/" + id + "/team/" + marcus.id()).token(lead.token()).raw(body).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.errorFields()).as(answer.toString()).contains(field);
    assertThat(memberOf(team(id, lead), marcus.id()).getString("role")).isEqualTo("custom");
  }

  @Test
  void aBadMemberIdInThePathIs400() {
    String id = newEvent("Team bad path");
    Answer answer = remove(id, lead, null);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
  }
}
