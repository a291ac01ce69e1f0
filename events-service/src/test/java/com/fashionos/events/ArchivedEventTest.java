package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An archived event is read-only in events-service too: its details, team and invitations answer
 * 409 {@code event_archived} to every change (adding, inviting, changing, removing, leaving,
 * revoking, accepting) and nothing is written; reads work; restore brings it back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ArchivedEventTest extends EventsServiceTest {
  static User lead;
  static User marcus;
  static User priya;
  static User jordan;

  @BeforeAll
  static void start() {
    lead = service.users.create("Sarah Chen");
    marcus = service.users.create("Marcus Webb");
    priya = service.users.create("Priya Patel");
    jordan = service.users.create("Jordan Lee");
    for (User user : new User[] {lead, marcus, priya, jordan}) service.touch(user);
  }

  private static String path(String eventId) {
    return "/api/v1/events/" + eventId;
  }

  private static JsonObject invite(String eventId, String email) {
    Answer answer = service.api.post(path(eventId) + "/team").token(lead.token())
        .json(new JsonObject().put("email", email).put("role", "casting_director").put("permissions", "edit")).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().getJsonObject("invitation");
  }

  /** Every change to the event and its team, each by someone allowed to make it on a live event. */
  private static Map<String, Supplier<Answer>> changes(String eventId, String token, String invitationId) {
    String team = path(eventId) + "/team";
    Map<String, Supplier<Answer>> changes = new LinkedHashMap<>();
    changes.put("update event", () -> service.api.put(path(eventId)).token(lead.token())
        .json(new JsonObject().put("name", "Renamed")).send());
    changes.put("add member", () -> service.api.post(team).token(lead.token())
        .json(new JsonObject().put("user_id", priya.id().toString()).put("role", "production_manager")).send());
    changes.put("invite", () -> service.api.post(team).token(lead.token())
        .json(new JsonObject().put("email", "new." + UUID.randomUUID() + "@corp.example").put("role", "custom")).send());
    changes.put("change member", () -> service.api.put(team + "/" + marcus.id()).token(lead.token())
        .json(new JsonObject().put("permissions", "admin")).send());
    changes.put("accept invitation", () -> service.api.post("/api/v1/invitations/accept").token(jordan.token())
        .json(new JsonObject().put("token", token)).send());
    changes.put("revoke invitation", () -> service.api.delete(path(eventId) + "/invitations/" + invitationId)
        .token(lead.token()).send());
    changes.put("leave", () -> service.api.delete(team + "/" + marcus.id()).token(marcus.token()).send());
    changes.put("remove member", () -> service.api.delete(team + "/" + marcus.id()).token(lead.token()).send());
    return changes;
  }

  /**
   * The event's row, team and invitations, as the owner reads them (change records go in the
   * same transaction as the rows, so unchanged rows mean nothing was published either).
   */
  private static String snapshot(String eventId) {
    return service.sql("SELECT jsonb_build_object("
        + "'event', (SELECT to_jsonb(e.*) FROM events e WHERE e.id = $1),"
        + "'team', (SELECT jsonb_agg(to_jsonb(t.*) ORDER BY t.user_id) FROM event_team t WHERE t.event_id = $1),"
        + "'invitations', (SELECT jsonb_agg(to_jsonb(i.*) ORDER BY i.id) FROM team_invitations i WHERE i.event_id = $1)"
        + ")::text AS snapshot", UUID.fromString(eventId)).get(0).getString("snapshot");
  }

  @Test
  void anArchivedEventsTeamIsReadOnlyUntilItIsRestored() {
    String eventId = service.createEvent(lead, EventsServiceUnderTest.newEvent("Archived team"));
    Answer added = service.api.post(path(eventId) + "/team").token(lead.token())
        .json(new JsonObject().put("user_id", marcus.id().toString()).put("role", "marketing_lead").put("permissions", "edit"))
        .send();
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    JsonObject forJordan = invite(eventId, "jordan@corp.example");
    JsonObject toRevoke = invite(eventId, "someone@corp.example");
    assertThat(service.api.delete(path(eventId)).token(lead.token()).send().status()).isEqualTo(200);

    String before = snapshot(eventId);
    changes(eventId, forJordan.getString("token"), toRevoke.getString("id")).forEach((action, call) -> {
      Answer answer = call.get();
      assertThat(answer.status()).as(action + ": " + answer).isEqualTo(409);
      assertThat(answer.errorCode()).as(action).isEqualTo("event_archived");
    });
    assertThat(snapshot(eventId)).as("nothing was written").isEqualTo(before);
    assertThat(service.api.get(path(eventId) + "/team").token(marcus.token()).send().array("team")).hasSize(2);
    assertThat(service.api.get(path(eventId) + "/invitations").token(lead.token()).send().array("invitations")).hasSize(2);
    assertThat(service.api.delete(path(eventId)).token(lead.token()).send().status())
        .as("archiving again stays a no-op").isEqualTo(200);

    Answer restored = service.api.post(path(eventId) + "/restore").token(lead.token()).send();
    assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
    Map<String, Integer> expected = Map.of("add member", 201, "invite", 201);
    changes(eventId, forJordan.getString("token"), toRevoke.getString("id")).forEach((action, call) -> {
      // Marcus has left by the time the lead would remove him.
      int status = action.equals("remove member") ? 404 : expected.getOrDefault(action, 200);
      Answer answer = call.get();
      assertThat(answer.status()).as(action + " after the restore: " + answer).isEqualTo(status);
    });
    assertThat(snapshot(eventId)).isNotEqualTo(before);
  }
}
