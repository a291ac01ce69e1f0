package com.fashionos.files;

import static com.fashionos.embedded.Eventually.eventually;
import static com.fashionos.embedded.PoisonRecords.eventRow;
import static com.fashionos.embedded.PoisonRecords.parked;
import static com.fashionos.embedded.PoisonRecords.parkedCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.PoisonRecords;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Topics;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * files-service's membership read model parks an event whose start date is {@code infinity}
 * (what events-service once stored for year 300000) and keeps learning memberships: listed and
 * counted for the operator, readable with its value, and a replay answers why it still fails.
 */
@ExtendWith(TestEngines.class)
class FilesPoisonRecordTest {
  private static final String READ_MODEL = "files-service.events-read-model";
  private static FilesStack stack;
  private static User lead;
  private static PoisonRecords topics;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, 1024L * 1024 * 1024);
    lead = stack.users.create("Sarah Chen");
    stack.signIn(lead);
    topics = new PoisonRecords(stack.kafka);
  }

  @AfterAll
  static void stop() {
    topics.close();
    stack.close();
  }

  @Test
  void theMembershipReadModelParksAnEventStartingAtInfinityAndLearnsTheNextEvent() {
    double parkedBefore = parkedCount(stack.vertx, READ_MODEL);
    UUID poisonEvent = UUID.randomUUID();
    ChangeRecord poison = topics.publish(Topics.EVENTS, eventRow(poisonEvent, lead.id(), "infinity"));
    // An event created through the API after it: files-service learns its team from the topic.
    UUID eventId = UUID.fromString(stack.createEvent(lead));

    eventually("the event after the poison learned", () -> assertThat(stack.sql(
        "SELECT user_id FROM event_members WHERE event_id = $1", eventId)).singleElement()
        .satisfies(row -> assertThat(row.getUUID("user_id")).isEqualTo(lead.id())));
    JsonObject parked = parked(stack.files, READ_MODEL, poison.id());
    assertThat(parked.getString("error")).contains("infinity");
    assertThat(parked.getString("topic")).isEqualTo(Topics.name(stack.kafka, Topics.EVENTS));
    assertThat(stack.sql("SELECT count(*) AS n FROM events WHERE id = $1", poisonEvent).get(0).getLong("n")).isZero();
    eventually("the parked record counted", () -> assertThat(parkedCount(stack.vertx, READ_MODEL)).isEqualTo(parkedBefore + 1));

    TestApi.Answer detail = stack.files.get("/admin/parked-records/" + parked.getLong("id")).send();
    assertThat(detail.json().getString("value")).isEqualTo(poison.toJson().encode());
    TestApi.Answer replay = stack.files.post("/admin/parked-records/" + parked.getLong("id") + "/replay").send();
    assertThat(replay.status()).as(replay.toString()).isEqualTo(422);
    assertThat(replay.errorCode()).isEqualTo("replay_failed");
  }
}
