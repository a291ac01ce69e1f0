package com.fashionos.events;

import com.fashionos.platform.db.Database;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestUsers;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every change reaches {@code fashionos.events.v1} through the outbox as a CloudEvent keyed by
 * event id, in commit order, once; also across a relay failover and a late-committing writer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangeRecordsOnKafkaTest extends EventsServiceTest {
  static User sarah;
  static ChangeRecordReader reader;

  @BeforeAll
  static void start() {
    sarah = service.users.create("Sarah Chen");
    reader = new ChangeRecordReader(service.kafka, "fashionos.events.v1");
  }

  @AfterAll
  static void stop() {
    reader.close();
  }

  static ChangeRecord await(java.util.function.Predicate<ChangeRecord> condition) {
    return reader.await(condition);
  }

  static boolean isRow(ChangeRecord record, String eventId, String table, String field, String value) {
    return ChangeRecordReader.isRow(record, eventId, table, field, value);
  }

  static List<ChangeRecord> recordsOf(String eventId) {
    return reader.recordsOf(eventId);
  }

  @Test
  void createAndUpdateArriveAsKeyedCloudEventsInOrder() {
    Instant acted = Instant.now().minusSeconds(120);
    String id = service.api.post("/api/v1/events").token(sarah.token())
        .header("X-Client-Timestamp", acted.toString())
        .json(EventsServiceUnderTest.newEvent("On Kafka")).send().json().getString("event_id");
    service.api.put("/api/v1/events/" + id).token(sarah.token()).json(new JsonObject().put("name", "On Kafka v2")).send();
    service.api.put("/api/v1/events/" + id).token(sarah.token()).json(new JsonObject().put("name", "On Kafka v3")).send();
    await(r -> isRow(r, id, "events", "name", "On Kafka v3"));

    ConsumerRecord<String, String> raw = reader.received.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow();
    assertThat(new String(raw.headers().lastHeader("content-type").value())).isEqualTo("application/cloudevents+json");
    JsonObject envelope = new JsonObject(raw.value());
    assertThat(envelope.getString("specversion")).isEqualTo("1.0");
    assertThat(envelope.getString("source")).isEqualTo("/fashionos/events-service");
    assertThat(envelope.getString("fashionoseventid")).isEqualTo(id);
    assertThat(envelope.getString("datacontenttype")).isEqualTo("application/json");

    List<ChangeRecord> records = recordsOf(id);
    // All of one event's records share its key, hence one partition: their order is commit order.
    assertThat(reader.received.stream().filter(r -> id.equals(r.key())).map(ConsumerRecord::partition).distinct()).hasSize(1);
    List<Long> eventVersions = records.stream().filter(r -> r.type().equals("com.fashionos.events.events.changed.v1"))
        .map(r -> RowChange.fromJson(r.data()).version()).toList();
    assertThat(eventVersions).containsExactly(1L, 2L, 3L);
    RowChange insert = RowChange.fromJson(records.get(0).data());
    assertThat(insert.actor()).isEqualTo(sarah.id());
    assertThat(insert.actedAt()).isEqualTo(Instant.parse(acted.toString()));
    assertThat(insert.recordedAt()).isAfter(insert.actedAt());
    RowChange rename = RowChange.fromJson(records.stream()
        .filter(r -> isRow(r, id, "events", "name", "On Kafka v2")).findFirst().orElseThrow().data());
    assertThat(rename.changedFields()).containsExactly("name");
    assertThat(rename.oldRow().getString("name")).isEqualTo("On Kafka");
    assertThat(records.stream().map(ChangeRecord::type)).contains("com.fashionos.events.event.created.v1",
        "com.fashionos.events.event_team.changed.v1");
    Set<UUID> ids = new HashSet<>();
    records.forEach(r -> assertThat(ids.add(r.id())).as("record %s published once", r.id()).isTrue());
  }

  @Test
  void aTransactionCommittingLateWithALowerPositionIsStillPublished() {
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Late commit"));
    Pool pool = PgBuilder.pool().connectingTo(Database.connectOptions(service.database, EventsServiceVerticle.SCHEMA))
        .using(service.vertx).build();
    try {
      SqlConnection conn = pool.getConnection().await();
      Transaction tx = conn.begin().await();
      // A writer takes its outbox position now but commits only after a later writer has been relayed.
      ChangeRecord late = ChangeRecord.of("/test", "com.fashionos.test.late.v1", null, UUID.randomUUID(),
          new JsonObject().put("late", true));
      conn.preparedQuery("INSERT INTO outbox (record_id, topic, record_key, record_type, payload) VALUES ($1, $2, $3, $4, $5)")
          .execute(Tuple.of(late.id(), "fashionos.events.v1", late.key(), late.type(), late.toJson())).await();
      service.api.put("/api/v1/events/" + id).token(sarah.token()).json(new JsonObject().put("name", "Committed first"))
          .send();
      await(r -> isRow(r, id, "events", "name", "Committed first"));
      tx.commit().await();
      assertThat(await(r -> r.id().equals(late.id())).data().getBoolean("late")).isTrue();
      conn.close().await();
    } finally {
      pool.close().await();
    }
  }

  @Test
  @Order(Integer.MAX_VALUE) // it stops the first replica
  void aSecondReplicaTakesOverWhenTheRelayingOneDies() {
    // A second replica on the same schema: it stands by while the first one's relay leads.
    EventsServiceVerticle second = new EventsServiceVerticle(
        new ServiceConfig(0, service.database, service.kafka, new AuthConfig(TestUsers.SECRET, null)));
    String secondDeployment = service.vertx.deployVerticle(second).await();
    TestApi secondApi = new TestApi("http://localhost:" + second.port());
    String id = service.createEvent(sarah, EventsServiceUnderTest.newEvent("Failover"));
    await(r -> isRow(r, id, "events", "name", "Failover"));

    service.vertx.undeploy(service.deploymentId).await();
    for (int i = 1; i <= 5; i++) {
      secondApi.put("/api/v1/events/" + id).token(sarah.token()).json(new JsonObject().put("name", "Failover " + i)).send();
    }
    await(r -> isRow(r, id, "events", "name", "Failover 5"));
    // A replica stopped between Kafka's acknowledgement and deleting its outbox rows publishes
    // those records again on takeover: at least once, the same record id, which consumers dedupe.
    Set<UUID> seen = new HashSet<>();
    List<Long> versions = recordsOf(id).stream().filter(r -> r.type().equals("com.fashionos.events.events.changed.v1"))
        .filter(r -> seen.add(r.id()))
        .map(r -> RowChange.fromJson(r.data()).version()).toList();
    assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    service.vertx.undeploy(secondDeployment).await();
  }
}
