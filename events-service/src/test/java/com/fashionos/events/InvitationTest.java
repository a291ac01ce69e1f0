package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.events.team.InvitationConfig;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.config.Env;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invitations are accepted, not claimed: adding someone by e-mail makes an invitation whose
 * single-use token the lead passes on; signing up with the address grants nothing.
 */
class InvitationTest extends EventsServiceTest {
  static User lead;
  static User marcus;
  static User outsider;

  @BeforeAll
  static void start() {
    lead = service.users.create("Sarah Chen");
    marcus = service.users.create("Marcus Webb");
    outsider = service.users.create("Olga Outsider");
    service.touch(lead);
    service.touch(marcus);
    service.touch(outsider);
  }

  private static String address(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
  }

  private static Answer invite(String eventId, String email, String role, String permissions) {
    return service.api.post("/api/v1/events/" + eventId + "/team").token(lead.token())
        .json(new JsonObject().put("email", email).put("role", role).put("permissions", permissions)).send();
  }

  /** The invitation of a 201 answer. */
  private static JsonObject invited(String eventId, String email) {
    Answer answer = invite(eventId, email, "casting_director", "edit");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getJsonObject("invitation");
  }

  private static Answer accept(User as, String token) {
    return service.api.post("/api/v1/invitations/accept").token(as.token()).json(new JsonObject().put("token", token))
        .send();
  }

  private static Answer invitations(String eventId, User as) {
    return service.api.get("/api/v1/events/" + eventId + "/invitations").token(as.token()).send();
  }

  private static List<String> teamIds(String eventId) {
    return service.api.get("/api/v1/events/" + eventId + "/team").token(lead.token()).send().array("team").stream()
        .map(m -> ((JsonObject) m).getString("user_id")).toList();
  }

  @Test
  void signingUpWithTheInvitedAddressGrantsNothing() {
    String id = service.createEvent(lead, EventsServiceUnderTest.newEvent("Invitation not claimed"));
    String email = address("victim");
    long profiles = service.count("profiles");
    JsonObject invitation = invited(id, email.toUpperCase());

    assertThat(invitation.getString("email")).isEqualTo(email);
    assertThat(invitation.getString("role")).isEqualTo("casting_director");
    assertThat(invitation.getString("permissions")).isEqualTo("edit");
    assertThat(invitation.getString("status")).isEqualTo("pending");
    assertThat(invitation.getString("token")).matches("[A-Za-z0-9_-]{43}");
    assertThat(invitation.getValue("accept_url")).as("no app page configured").isNull();
    assertThat(OffsetDateTime.parse(invitation.getString("expires_at")))
        .isBetween(OffsetDateTime.now().plusDays(7).minusMinutes(5), OffsetDateTime.now().plusDays(7).plusMinutes(5));
    // Nobody is on the team, nobody's profile was made for the address.
    assertThat(teamIds(id)).containsExactly(lead.id().toString());
    assertThat(service.count("profiles")).isEqualTo(profiles);

    // Whoever signs up with that address (standalone checks no mail) sees nothing of the event.
    User claimer = service.users.user(UUID.randomUUID(), email, "Mallory");
    Answer detail = service.api.get("/api/v1/events/" + id).token(claimer.token()).send();
    assertThat(detail.status()).as(detail.toString()).isEqualTo(404);
    assertThat(service.api.get("/api/v1/events").token(claimer.token()).send().array("events")).isEmpty();
    assertThat(service.api.get("/api/v1/events/" + id + "/team").token(claimer.token()).send().status()).isEqualTo(404);
    assertThat(teamIds(id)).containsExactly(lead.id().toString());
  }

  @Test
  void theTokenMakesWhoeverPresentsItAMemberOnce() {
    String id = service.createEvent(lead, EventsServiceUnderTest.newEvent("Invitation accepted"));
    JsonObject invitation = invited(id, address("jordan"));
    // Jordan signed up with a personal address: the token, not the address, is the proof.
    User jordan = service.users.create("Jordan Rivera");

    Answer accepted = accept(jordan, invitation.getString("token"));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(accepted.json().getString("event_id")).isEqualTo(id);
    JsonObject member = accepted.json().getJsonObject("member");
    assertThat(member.getString("user_id")).isEqualTo(jordan.id().toString());
    assertThat(member.getString("name")).isEqualTo("Jordan Rivera");
    assertThat(member.getString("role")).isEqualTo("casting_director");
    assertThat(member.getString("permissions")).isEqualTo("edit");

    assertThat(service.api.get("/api/v1/events/" + id).token(jordan.token()).send().status()).isEqualTo(200);
    assertThat(teamIds(id)).containsExactly(lead.id().toString(), jordan.id().toString());
    assertThat(invitations(id, lead).array("invitations")).as("accepted: no longer open").isEmpty();

    // Used once: refused to anyone after, the one who used it included; nothing changes.
    for (User again : List.of(outsider, jordan)) {
      Answer reuse = accept(again, invitation.getString("token"));
      assertThat(reuse.status()).as(reuse.toString()).isEqualTo(410);
      assertThat(reuse.headers().get("content-type")).startsWith("application/json");
      assertThat(reuse.errorCode()).isEqualTo("invitation_used");
    }
    assertThat(service.api.get("/api/v1/events/" + id).token(outsider.token()).send().status()).isEqualTo(404);
    assertThat(teamIds(id)).hasSize(2);
  }

  @Test
  void otherServicesSeeAMemberOnlyOnceTheInvitationIsAccepted() {
    String id = service.createEvent(lead, EventsServiceUnderTest.newEvent("Invitation records"));
    JsonObject invitation = invited(id, address("kim"));
    User kim = service.users.create("Kim Lee");
    assertThat(accept(kim, invitation.getString("token")).status()).isEqualTo(200);

    try (ChangeRecordReader reader = new ChangeRecordReader(service.kafka, "fashionos.events.v1")) {
      reader.await(r -> ChangeRecordReader.isRow(r, id, "event_team", "user_id", kim.id().toString()));
      // The membership records of the event: the lead's and Kim's, one insert each, none for the
      // address (the read models of tasks, budget and files build their members from these).
      List<JsonObject> team = reader.recordsOf(id).stream().filter(r -> RowChange.isRowChange(r.type()))
          .map(ChangeRecord::data).map(RowChange::fromJson).filter(c -> c.table().equals("event_team"))
          .map(RowChange::row).toList();
      assertThat(team).extracting(row -> row.getString("user_id"))
          .containsExactly(lead.id().toString(), kim.id().toString());
      assertThat(team.get(1).getString("role")).isEqualTo("casting_director");
      assertThat(team.get(1).getString("permissions")).isEqualTo("edit");
    }
  }

  @Test
  void anExpiredInvitationIsRefusedAndTheAddressCanBeInvitedAgain() {
    String id = service.createEvent(lead, EventsServiceUnderTest.newEvent("Invitation expired"));
    String email = address("late");
    JsonObject invitation = invited(id, email);
    service.sql("UPDATE team_invitations SET expires_at = now() - interval '1 second' WHERE id = $1",
        UUID.fromString(invitation.getString("id")));

    JsonArray open = invitations(id, lead).array("invitations");
    assertThat(open).hasSize(1);
    assertThat(open.getJsonObject(0).getString("status")).isEqualTo("expired");

    User late = service.users.create("Lee Late");
    Answer expired = accept(late, invitation.getString("token"));
    assertThat(expired.status()).as(expired.toString()).isEqualTo(410);
    assertThat(expired.errorCode()).isEqualTo("invitation_expired");
    assertThat(teamIds(id)).containsExactly(lead.id().toString());

    // A new invitation replaces the expired one; only its token works.
    JsonObject again = invited(id, email);
    assertThat(again.getString("token")).isNotEqualTo(invitation.getString("token"));
    assertThat(invitations(id, lead).array("invitations")).extracting(i -> ((JsonObject) i).getString("id"))
        .containsExactly(again.getString("id"));
    assertThat(accept(late, invitation.getString("token")).status()).isEqualTo(410);
    assertThat(accept(late, again.getString("token")).status()).isEqualTo(200);
  }

  @Test
  void theLeadListsAndRevokesInvitationsAndNobodyElseSeesThem() {
    String id = service.createEvent(lead, EventsServiceUnderTest.newEvent("Invitation list"));
    service.api.post("/api/v1/events/" + id + "/team").token(lead.token())
        .json(new JsonObject().put("user_id", marcus.id().toString()).put("role", "custom").put("permissions", "edit"))
        .send();
    JsonObject first = invited(id, address("first"));
    JsonObject second = invited(id, address("second"));

    Answer listed = invitations(id, lead);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(listed.array("invitations")).extracting(i -> ((JsonObject) i).getString("id"))
        .containsExactly(first.getString("id"), second.getString("id"));
    JsonObject shown = listed.array("invitations").getJsonObject(0);
    assertThat(shown.getString("email")).isEqualTo(first.getString("email"));
    assertThat(shown.getString("invited_by")).isEqualTo(lead.id().toString());
    assertThat(shown.fieldNames()).as("the token is shown once, in the answer that made it")
        .doesNotContain("token", "token_hash", "accept_url");
    assertThat(listed.text()).doesNotContain(first.getString("token"));

    // An editor may not; an outsider cannot even tell the event exists.
    Answer editor = invitations(id, marcus);
    assertThat(editor.status()).as(editor.toString()).isEqualTo(403);
    Answer stranger = invitations(id, outsider);
    assertThat(stranger.status()).as(stranger.toString()).isEqualTo(404);
    String revokePath = "/api/v1/events/" + id + "/invitations/" + first.getString("id");
    assertThat(service.api.delete(revokePath).token(marcus.token()).send().status()).isEqualTo(403);
    assertThat(service.api.delete(revokePath).token(outsider.token()).send().status()).isEqualTo(404);

    Answer revoked = service.api.delete(revokePath).token(lead.token()).send();
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
    assertThat(service.api.delete(revokePath).token(lead.token()).send().status()).as("revoked already").isEqualTo(404);
    Answer refused = accept(outsider, first.getString("token"));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(410);
    assertThat(refused.errorCode()).isEqualTo("invitation_revoked");
    assertThat(invitations(id, lead).array("invitations")).extracting(i -> ((JsonObject) i).getString("id"))
        .containsExactly(second.getString("id"));
  }

  @Test
  void theTokenIsStoredOnlyAsItsHash() {
    String id = service.createEvent(lead, EventsServiceUnderTest.newEvent("Invitation hashed"));
    JsonObject invitation = invited(id, address("hash"));
    String token = invitation.getString("token");
    assertThat(service.sql("SELECT count(*) AS n FROM team_invitations WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
        token).get(0).getLong("n")).isEqualTo(1);
    assertThat(service.sql("SELECT count(*) AS n FROM team_invitations i WHERE strpos(to_jsonb(i)::text, $1) > 0",
        token).get(0).getLong("n")).isZero();
  }

  @Test
  void invitingTwiceOrInvitingAMemberIs409NamingTheEmail() {
    String id = service.createEvent(lead, EventsServiceUnderTest.newEvent("Invitation duplicate"));
    String email = address("twice");
    invited(id, email);
    Answer twice = invite(id, email.toUpperCase(), "custom", "view_only");
    assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
    assertThat(twice.errorCode()).isEqualTo("already_exists");
    assertThat(twice.errorFields()).containsExactly("email");

    Answer member = invite(id, lead.email(), "custom", "view_only");
    assertThat(member.status()).as(member.toString()).isEqualTo(409);
    assertThat(member.errorFields()).containsExactly("email");
    assertThat(service.sql("SELECT count(*) AS n FROM team_invitations WHERE event_id = $1", UUID.fromString(id))
        .get(0).getLong("n")).isEqualTo(1);
  }

  @Test
  void aMemberAcceptingGets409AndTheInvitationStaysOpen() {
    String id = service.createEvent(lead, EventsServiceUnderTest.newEvent("Invitation member"));
    JsonObject invitation = invited(id, address("spare"));
    Answer self = accept(lead, invitation.getString("token"));
    assertThat(self.status()).as(self.toString()).isEqualTo(409);
    assertThat(self.errorCode()).isEqualTo("already_exists");
    assertThat(invitations(id, lead).array("invitations")).hasSize(1);
    User newcomer = service.users.create("Nia Newcomer");
    assertThat(accept(newcomer, invitation.getString("token")).status()).isEqualTo(200);
  }

  @Test
  void badOrUnknownTokensAreRefused() {
    Answer unknown = accept(outsider, "A".repeat(43));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("not_found");
    assertThat(accept(outsider, "not a token").status()).isEqualTo(404);

    for (String body : List.of("{}", "{\"token\":42}", "{\"token\":null}", "{\"token\":\"" + "x".repeat(101) + "\"}")) {
      Answer bad = service.api.post("/api/v1/invitations/accept").token(outsider.token()).raw(body).send();
      assertThat(bad.status()).as(body + " " + bad).isEqualTo(400);
      assertThat(bad.errorFields()).as(bad.toString()).containsExactly("token");
    }
    assertThat(service.api.post("/api/v1/invitations/accept").json(new JsonObject().put("token", "x")).send().status())
        .as("signed in only").isEqualTo(401);
  }

  @Test
  void theWizardInvitesByEmailAndAnswersTheTokens() {
    String email = address("wizard");
    Answer created = service.api.post("/api/v1/events").token(lead.token()).json(EventsServiceUnderTest
        .newEvent("Invitation wizard").put("team_members", new JsonArray()
            .add(new JsonObject().put("email", email).put("role", "marketing_lead"))
            .add(new JsonObject().put("email", lead.email()).put("role", "custom"))
            .add(new JsonObject().put("user_id", marcus.id().toString()).put("role", "custom")))).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("event_id");
    JsonArray invited = created.json().getJsonArray("invitations");
    assertThat(invited).as("the lead's own address is no invitation").hasSize(1);
    assertThat(invited.getJsonObject(0).getString("email")).isEqualTo(email);
    assertThat(invited.getJsonObject(0).getString("permissions")).isEqualTo("view_only");
    assertThat(teamIds(id)).containsExactly(lead.id().toString(), marcus.id().toString());

    User newcomer = service.users.create("Wiz Ard");
    assertThat(accept(newcomer, invited.getJsonObject(0).getString("token")).status()).isEqualTo(200);
    assertThat(teamIds(id)).contains(newcomer.id().toString());
  }

  @Test
  void anAcceptedInvitationKeepsWorkingUnderRetryWithTheSameIdempotencyKey() {
    String id = service.createEvent(lead, EventsServiceUnderTest.newEvent("Invitation retry"));
    String token = invited(id, address("retry")).getString("token");
    User flaky = service.users.create("Flo Flaky");
    JsonObject body = new JsonObject().put("token", token);
    Answer first = service.api.post("/api/v1/invitations/accept").token(flaky.token()).header("Idempotency-Key", "accept-1")
        .json(body).send();
    Answer replay = service.api.post("/api/v1/invitations/accept").token(flaky.token()).header("Idempotency-Key", "accept-1")
        .json(body).send();
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(replay.status()).as("a lost answer is replayed, not refused").isEqualTo(200);
    assertThat(replay.json()).isEqualTo(first.json());
  }

  @Test
  void theLifetimeAndLinkAreConfigured() {
    InvitationConfig config = InvitationConfig.fromEnv(new Env(Map.of(
        "INVITATION_LIFETIME_HOURS", "48", "INVITATION_ACCEPT_URL", "https://app.example.com/join#{token}")));
    assertThat(config.lifetime()).isEqualTo(Duration.ofHours(48));
    assertThat(config.acceptUrl()).isEqualTo("https://app.example.com/join#{token}");
    assertThat(InvitationConfig.fromEnv(new Env(Map.of())))
        .isEqualTo(InvitationConfig.DEFAULT);
  }
}
