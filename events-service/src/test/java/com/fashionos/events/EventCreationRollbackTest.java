package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A failure in the middle of event creation leaves nothing behind: no event, team, link or record. */
class EventCreationRollbackTest extends EventsServiceTest {
  static User sarah;

  @BeforeAll
  static void start() {
    sarah = service.users.create("Sarah Chen");
    service.touch(sarah);
  }

  @Test
  void failureAfterTheEventTeamAndSponsorsWereWrittenRollsEverythingBack() {
    String sponsor = service.api.post("/api/v1/sponsors").token(sarah.token())
        .json(new JsonObject().put("company_name", "Rollback Co")).send().json().getJsonObject("sponsor").getString("id");
    String designer = service.api.post("/api/v1/designers").token(sarah.token())
        .json(new JsonObject().put("name", "Rollback Designer")).send().json().getJsonObject("designer").getString("id");
    // Fault injection: the last step of creation (designer links) fails inside the transaction.
    service.sql("CREATE FUNCTION fail_designer_link() RETURNS trigger LANGUAGE plpgsql AS "
        + "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
    service.sql("CREATE TRIGGER fail_designer_link BEFORE INSERT ON event_designers "
        + "FOR EACH ROW EXECUTE FUNCTION fail_designer_link()");
    try {
      Answer answer = service.api.post("/api/v1/events").token(sarah.token()).json(EventsServiceUnderTest
              .newEvent("Half written show")
              .put("team_members", new JsonArray().add(new JsonObject().put("email", "newcomer@example.com")
                  .put("role", "custom")))
              .put("sponsor_ids", new JsonArray().add(sponsor))
              .put("designer_ids", new JsonArray().add(designer)))
          .send();
      assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
      assertThat(answer.json().getJsonObject("error").getString("code")).isNotBlank();
    } finally {
      service.sql("DROP TRIGGER fail_designer_link ON event_designers");
    }
    assertThat(service.count("events")).isZero();
    assertThat(service.count("event_team")).isZero();
    assertThat(service.count("event_sponsors")).isZero();
    assertThat(service.sql("SELECT 1 FROM profiles WHERE email = 'newcomer@example.com'")).isEmpty();

    // The same request succeeds once the fault is gone: nothing half-written is in its way. Its
    // records are relayed after anything the failed attempt could have written, and none of
    // those carry the event: the change records rolled back with the rows.
    String created = service.api.post("/api/v1/events").token(sarah.token()).json(EventsServiceUnderTest
        .newEvent("Half written show").put("sponsor_ids", new JsonArray().add(sponsor))).send()
        .json().getString("event_id");
    try (ChangeRecordReader reader = new ChangeRecordReader(service.kafka, "fashionos.events.v1")) {
      reader.await(r -> ChangeRecordReader.isRow(r, created, "events", "name", "Half written show"));
      Eventually.holdsFor(java.time.Duration.ofMillis(500), () -> {
        reader.poll(java.time.Duration.ofMillis(50));
        assertThat(reader.records()).filteredOn(r -> r.eventId() != null)
            .allSatisfy(r -> assertThat(r.eventId().toString()).isEqualTo(created));
      });
    }
  }
}
