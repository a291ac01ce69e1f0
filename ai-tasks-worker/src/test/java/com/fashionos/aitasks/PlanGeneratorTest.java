package com.fashionos.aitasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.EventCreated;
import com.fashionos.platform.change.TaskBatch;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.ServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worker on real PostgreSQL and Kafka: an event-created record delivered twice gives one
 * plan, published once in batches; a job a dead worker left half done is planned again.
 */
@ExtendWith(TestEngines.class)
class PlanGeneratorTest {
  static Vertx vertx;
  static DatabaseConfig database;
  static KafkaConfig kafka;
  static KafkaProducer<String, String> producer;
  static KafkaConsumer<String, String> batches;
  static final List<TaskBatch> received = new ArrayList<>();

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    vertx = Vertx.vertx();
    database = stack.freshDatabase().withPoolSize(4);
    kafka = stack.kafka();
    vertx.deployVerticle(new AiTasksWorkerVerticle(new ServiceConfig(0, database, kafka,
        new AuthConfig(TestUsers.SECRET, null)), Optional.empty())).await();
    Properties producerProps = new Properties();
    producerProps.put("bootstrap.servers", kafka.bootstrapServers());
    producerProps.put("key.serializer", StringSerializer.class.getName());
    producerProps.put("value.serializer", StringSerializer.class.getName());
    producer = new KafkaProducer<>(producerProps);
    Properties consumerProps = new Properties();
    consumerProps.put("bootstrap.servers", kafka.bootstrapServers());
    consumerProps.put("group.id", "test-" + UUID.randomUUID());
    consumerProps.put("auto.offset.reset", "earliest");
    consumerProps.put("key.deserializer", StringDeserializer.class.getName());
    consumerProps.put("value.deserializer", StringDeserializer.class.getName());
    batches = new KafkaConsumer<>(consumerProps);
    batches.subscribe(List.of(kafka.topicPrefix() + "fashionos.task-batches.v1"));
  }

  @AfterAll
  static void stop() {
    producer.close();
    batches.close();
    vertx.close().await();
  }

  static JsonObject event(UUID id, String type) {
    return new JsonObject().put("id", id.toString()).put("name", "Worker show").put("type", type)
        .put("start_date", "2027-09-20T19:00:00Z").put("timezone", "Europe/Milan").put("target_attendees", 250);
  }

  static void send(ChangeRecord record) throws Exception {
    producer.send(new ProducerRecord<>(kafka.topicPrefix() + "fashionos.events.v1", record.key(), record.toJson().encode()))
        .get();
  }

  /** Reads batches until the event's plan is complete, then a little longer to catch duplicates. */
  static List<TaskBatch> planOf(UUID eventId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long quietUntil = Long.MAX_VALUE;
    while (System.nanoTime() < Math.min(deadline, quietUntil)) {
      for (ConsumerRecord<String, String> r : batches.poll(Duration.ofMillis(200))) {
        received.add(TaskBatch.fromJson(ChangeRecord.fromJson(new JsonObject(r.value())).data()));
      }
      List<TaskBatch> mine = received.stream().filter(b -> b.eventId().equals(eventId)).toList();
      if (quietUntil == Long.MAX_VALUE && !mine.isEmpty() && mine.size() >= mine.get(0).batches()) {
        quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      }
    }
    return received.stream().filter(b -> b.eventId().equals(eventId)).toList();
  }

  @Test
  void aDuplicatedEventCreatedRecordGivesOnePlanPublishedOnce() throws Exception {
    UUID eventId = UUID.randomUUID();
    EventCreated created = new EventCreated(event(eventId, "runway_show"), new JsonArray(), new JsonArray(),
        new JsonArray().add(UUID.randomUUID().toString()), new JsonArray().add(UUID.randomUUID().toString()),
        UUID.randomUUID(), Instant.now());
    ChangeRecord record = ChangeRecord.of("/fashionos/events-service", EventCreated.TYPE, null, eventId, created.toJson());
    send(record);
    send(record);
    send(ChangeRecord.of("/fashionos/events-service", EventCreated.TYPE, null, eventId, created.toJson()));

    List<TaskBatch> plan = planOf(eventId);
    assertThat(plan).isNotEmpty();
    assertThat(plan.stream().map(TaskBatch::planId).distinct()).hasSize(1);
    assertThat(plan.stream().map(TaskBatch::batch)).doesNotHaveDuplicates().hasSize(plan.get(0).batches());
    int total = plan.get(0).totalTasks();
    assertThat(total).isBetween(80, 150);
    Set<String> ids = new HashSet<>();
    plan.forEach(b -> b.tasks().forEach(t -> ids.add(((JsonObject) t).getString("id"))));
    assertThat(ids).hasSize(total);
    assertThat(plan.get(0).source()).isEqualTo("built_in");
    plan.forEach(b -> b.tasks().forEach(t -> assertThat(((JsonObject) t).getString("deadline"))
        .matches(PlanBatchesTest.RFC_3339)));
  }

  @Test
  void anEventWithoutSizeOrEndIsPlannedAsEventsServicePublishesIt() throws Exception {
    // events-service writes absent optional fields as JSON nulls.
    UUID eventId = UUID.randomUUID();
    JsonObject event = event(eventId, "trunk_show").putNull("target_attendees").putNull("end_date").putNull("description");
    send(ChangeRecord.of("/fashionos/events-service", EventCreated.TYPE, null, eventId, new EventCreated(event,
        new JsonArray(), new JsonArray(), new JsonArray(), new JsonArray(), UUID.randomUUID(), Instant.now()).toJson()));
    List<TaskBatch> plan = planOf(eventId);
    assertThat(plan).isNotEmpty();
    assertThat(plan.get(0).totalTasks()).isBetween(80, 150);
  }

  @Test
  void aJobADeadWorkerLeftHalfDoneIsPlannedAgain() throws Exception {
    UUID eventId = UUID.randomUUID();
    JsonObject request = new JsonObject().put("event_id", eventId.toString()).put("name", "Abandoned").put("type", "panel")
        .put("start_date", "2027-09-20T19:00:00Z").put("timezone", "UTC").put("designers", 0).put("sponsors", 0)
        .put("target_attendees", 80);
    try (Connection conn = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         PreparedStatement abandoned = conn.prepareStatement("INSERT INTO ai.generation_jobs (event_id, request, status,"
             + " attempts, claimed_at) VALUES (?, ?::jsonb, 'generating', 1, now() - interval '10 minutes')")) {
      abandoned.setObject(1, eventId);
      abandoned.setString(2, request.encode());
      abandoned.executeUpdate();
    }
    List<TaskBatch> plan = planOf(eventId);
    assertThat(plan).isNotEmpty();
    assertThat(plan.stream().map(TaskBatch::batch)).doesNotHaveDuplicates().hasSize(plan.get(0).batches());
  }
}
