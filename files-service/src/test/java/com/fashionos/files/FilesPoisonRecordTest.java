package com.fashionos.files;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.health.Metrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * files-service's membership read model parks an event whose start date is {@code infinity}
 * (what events-service once stored for year 300000) and keeps learning memberships: listed and
 * counted for the operator; a replay answers why it still fails.
 */
@ExtendWith(TestEngines.class)
class FilesPoisonRecordTest {
  private static final String READ_MODEL = "files-service.events-read-model";
  private static FilesStack stack;
  private static User lead;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new FilesStack(engines, 1024L * 1024 * 1024);
    lead = stack.users.create("Sarah Chen");
    stack.signIn(lead);
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafka.bootstrapServers()), new StringSerializer(),
        new StringSerializer());
  }

  @AfterAll
  static void stop() {
    producer.close();
    stack.close();
  }

  @Test
  void theMembershipReadModelParksAnEventStartingAtInfinityAndLearnsTheNextEvent() {
    double parkedBefore = parkedCount();
    UUID poisonEvent = UUID.randomUUID();
    ChangeRecord poison = publish(eventRow(poisonEvent, "infinity"));
    // An event created through the API after it: files-service learns its team from the topic.
    UUID eventId = UUID.fromString(stack.createEvent(lead));

    eventually("the event after the poison learned", () -> assertThat(stack.sql(
        "SELECT user_id FROM event_members WHERE event_id = $1", eventId)).singleElement()
        .satisfies(row -> assertThat(row.getUUID("user_id")).isEqualTo(lead.id())));
    JsonObject parked = eventually("the poison listed as parked", () -> {
      TestApi.Answer answer = stack.files.get("/admin/parked-records?consumer=" + READ_MODEL).send();
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      return answer.json().getJsonArray("parked_records").stream().map(JsonObject.class::cast)
          .filter(p -> poison.id().toString().equals(p.getString("record_id"))).findFirst().orElse(null);
    }, found -> true);
    assertThat(parked.getString("error")).contains("infinity");
    assertThat(parked.getString("topic")).isEqualTo(Topics.name(stack.kafka, Topics.EVENTS));
    assertThat(stack.sql("SELECT count(*) AS n FROM events WHERE id = $1", poisonEvent).get(0).getLong("n")).isZero();
    assertThat(parkedCount()).isEqualTo(parkedBefore + 1);

    TestApi.Answer detail = stack.files.get("/admin/parked-records/" + parked.getLong("id")).send();
    assertThat(detail.json().getString("value")).isEqualTo(poison.toJson().encode());
    TestApi.Answer replay = stack.files.post("/admin/parked-records/" + parked.getLong("id") + "/replay").send();
    assertThat(replay.status()).as(replay.toString()).isEqualTo(422);
    assertThat(replay.errorCode()).isEqualTo("replay_failed");
  }

  /** events-service's record of an event row, as it published one with a start date it could not hold. */
  private static ChangeRecord eventRow(UUID eventId, String startDate) {
    JsonObject row = new JsonObject().put("id", eventId.toString()).put("name", "Poison show")
        .put("start_date", startDate).put("status", "planning").put("created_by", lead.id().toString());
    return ChangeRecord.of("/fashionos/events-service", RowChange.type("events", "events"), null, eventId,
        RowChange.of("events", Operation.INSERT, row, null, lead.id(), Instant.now(), Instant.now()).toJson());
  }

  private static ChangeRecord publish(ChangeRecord record) {
    producer.send(new ProducerRecord<>(Topics.name(stack.kafka, Topics.EVENTS), record.key(), record.toJson().encode()));
    return record;
  }

  private static double parkedCount() {
    Counter counter = Metrics.registry().find("fashionos.consumer.parked.records").tag("consumer", READ_MODEL).counter();
    return counter == null ? 0 : counter.count();
  }
}
