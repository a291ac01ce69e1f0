package com.fashionos.aitasks;

import static com.fashionos.embedded.Eventually.eventually;
import static com.fashionos.embedded.PoisonRecords.parked;
import static com.fashionos.embedded.PoisonRecords.parkedCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.PoisonRecords;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.EventCreated;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worker's event-created consumer parks an event its jobs table cannot store (a NUL in the
 * name: jsonb refuses it) and still plans the next event; listed and counted for the operator,
 * and a replay answers why it still fails.
 */
@ExtendWith(TestEngines.class)
class AiTasksPoisonRecordTest {
  private static final String CONSUMER = "ai-tasks-worker.event-created";
  private static Vertx vertx;
  private static KafkaConfig kafka;
  private static Pool owner;
  private static TestApi worker;
  private static PoisonRecords topics;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    vertx = Vertx.vertx();
    kafka = stack.kafka();
    var database = stack.freshDatabase().withPoolSize(4);
    AiTasksWorkerVerticle verticle = new AiTasksWorkerVerticle(new ServiceConfig(0, database, kafka,
        new AuthConfig(TestUsers.SECRET, null)), Optional.empty());
    vertx.deployVerticle(verticle).await();
    worker = new TestApi("http://localhost:" + verticle.port());
    owner = PgBuilder.pool().connectingTo(Database.connectOptions(database, AiTasksWorkerVerticle.SCHEMA)).using(vertx).build();
    topics = new PoisonRecords(kafka);
  }

  @AfterAll
  static void stop() {
    topics.close();
    owner.close().await();
    vertx.close().await();
  }

  @Test
  void anEventTheJobsTableCannotStoreIsParkedAndTheNextEventIsPlanned() {
    double parkedBefore = parkedCount(vertx, CONSUMER);
    UUID poisonEvent = UUID.randomUUID();
    ChangeRecord poison = topics.publish(Topics.EVENTS, eventCreated(poisonEvent, "Nul\u0000show"));
    UUID eventId = UUID.randomUUID();
    topics.publish(Topics.EVENTS, eventCreated(eventId, "Worker show"));

    eventually("the event after the poison has its job", () -> assertThat(jobs(eventId)).isEqualTo(1));
    assertThat(jobs(poisonEvent)).isZero();
    JsonObject parked = parked(worker, CONSUMER, poison.id());
    assertThat(parked.getString("error")).contains("22P05");
    eventually("the parked record counted", () -> assertThat(parkedCount(vertx, CONSUMER)).isEqualTo(parkedBefore + 1));

    TestApi.Answer replay = worker.post("/admin/parked-records/" + parked.getLong("id") + "/replay").send();
    assertThat(replay.status()).as(replay.toString()).isEqualTo(422);
    assertThat(replay.errorCode()).isEqualTo("replay_failed");
    assertThat(worker.post("/admin/parked-records/nine/replay").send().errorFields()).containsExactly("id");
    assertThat(worker.post("/admin/parked-records/999999/replay").send().status()).isEqualTo(404);
  }

  private static ChangeRecord eventCreated(UUID eventId, String name) {
    JsonObject event = new JsonObject().put("id", eventId.toString()).put("name", name).put("type", "runway_show")
        .put("start_date", "2027-09-20T19:00:00Z").put("timezone", "Europe/Milan").put("target_attendees", 250);
    return ChangeRecord.of("/fashionos/events-service", EventCreated.TYPE, null, eventId, new EventCreated(event,
        new JsonArray(), new JsonArray(), new JsonArray(), new JsonArray(), UUID.randomUUID(), Instant.now()).toJson());
  }

  private static long jobs(UUID eventId) {
    return owner.preparedQuery("SELECT count(*) FROM generation_jobs WHERE event_id = $1").execute(Tuple.of(eventId))
        .await().iterator().next().getLong(0);
  }
}
