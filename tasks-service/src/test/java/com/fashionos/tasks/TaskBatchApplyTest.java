package com.fashionos.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.Eventually;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers.User;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.TaskBatch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generated batches are applied exactly once per task: duplicate deliveries and a worker that
 * crashed mid-plan and published its plan again never create a task twice. A batch is published
 * as one plan_batch record carrying its tasks exactly as their GET answers them, not as a record
 * per task; the same batch applied again changes and publishes nothing.
 */
@ExtendWith(TestEngines.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TaskBatchApplyTest {
  static TasksStack stack;
  static User lead;
  static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start(TestEngines.Stack engines) {
    stack = new TasksStack(engines);
    lead = stack.users.create("Sarah Chen");
    Properties props = new Properties();
    props.put("bootstrap.servers", stack.kafka.bootstrapServers());
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", StringSerializer.class.getName());
    producer = new KafkaProducer<>(props);
  }

  @AfterAll
  static void stop() {
    producer.close();
    stack.close();
  }

  /** A plan of {@code size} tasks, each depending on the one before, cut into batches of 10. */
  static List<TaskBatch> plan(UUID eventId, int size) {
    UUID planId = UUID.randomUUID();
    List<TaskBatch> batches = new ArrayList<>();
    int count = (size + 9) / 10;
    for (int b = 0; b < count; b++) {
      JsonArray tasks = new JsonArray();
      for (int i = b * 10; i < Math.min(size, (b + 1) * 10); i++) {
        tasks.add(new JsonObject().put("id", TaskBatch.taskId(eventId, "task-" + i).toString())
            .put("name", "Generated " + i).put("description", "step " + i).put("phase", "pre_production")
            .put("workflow_category", "operations").put("priority", "medium")
            .put("deadline", "2027-05-01T18:00:00Z").put("estimated_hours", 4)
            .put("dependencies", i == 0 ? new JsonArray()
                : new JsonArray().add(TaskBatch.taskId(eventId, "task-" + (i - 1)).toString())));
      }
      batches.add(new TaskBatch(eventId, planId, b + 1, count, size, "built_in", tasks));
    }
    return batches;
  }

  static ChangeRecord record(TaskBatch batch) {
    return ChangeRecord.of("/fashionos/ai-service", TaskBatch.TYPE, null, batch.eventId(), batch.toJson());
  }

  static void send(ChangeRecord record) throws Exception {
    producer.send(new ProducerRecord<>(stack.kafka.topicPrefix() + "fashionos.task-batches.v1", record.key(),
        record.toJson().encode())).get();
  }

  static JsonObject tasksOf(String eventId) {
    return stack.tasks.get("/api/v1/events/" + eventId + "/tasks").token(lead.token()).send().json();
  }

  static JsonObject awaitGeneration(String eventId, String status) {
    return Eventually.eventually("task generation " + status, Duration.ofSeconds(30),
        () -> stack.events.get("/api/v1/events/" + eventId).token(lead.token()).send().json()
            .getJsonObject("event").getJsonObject("tasks_summary"),
        summary -> status.equals(summary.getJsonObject("generation").getString("status")));
  }

  @Test
  void duplicateDeliveriesAndARepublishedPlanCreateEachTaskOnce() throws Exception {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    List<TaskBatch> batches = plan(UUID.fromString(eventId), 35);

    // The worker publishes two batches, then crashes; the same records arrive twice.
    ChangeRecord first = record(batches.get(0));
    send(first);
    send(first);
    send(record(batches.get(1)));
    JsonObject partial = awaitGeneration(eventId, "generating");
    // Restarted, it publishes the whole plan again as new records.
    for (TaskBatch batch : batches) send(record(batch));
    JsonObject summary = awaitGeneration(eventId, "done");

    assertThat(partial.getJsonObject("generation").getInteger("planned")).isEqualTo(35);
    assertThat(summary.getJsonObject("generation").getInteger("generated")).isEqualTo(35);
    assertThat(summary.getInteger("total")).isEqualTo(35);
    JsonObject tasks = tasksOf(eventId);
    assertThat(tasks.getLong("total")).isEqualTo(35);
    // The chain: only the first task can start, the rest wait for their dependency.
    assertThat(tasks.getJsonArray("tasks").stream().map(t -> ((JsonObject) t).getString("status"))
        .filter("to_do"::equals)).hasSize(1);
    assertThat(tasks.getJsonArray("tasks").stream().filter(t -> ((JsonObject) t).getBoolean("is_critical_path")))
        .hasSize(35);
  }

  @Test
  void aBatchIsOneRecordOfItsTasksAsGetAnswersThemAndAgainIsNothing() throws Exception {
    String eventId = stack.createEvent(lead, "2027-06-15T14:00:00Z");
    TaskBatch batch = plan(UUID.fromString(eventId), 10).get(0);
    ChangeRecord first = record(batch);
    send(first);
    awaitGeneration(eventId, "done");
    List<JsonObject> records = recordsOf(eventId, first.id());

    List<JsonObject> plans = records.stream().filter(r -> "com.fashionos.tasks.plan_batch.changed.v2".equals(r.getString("type")))
        .toList();
    assertThat(plans).hasSize(1);
    // Nothing per task: no task record and no event_tasks row of an insert.
    assertThat(records).noneMatch(r -> "com.fashionos.tasks.task.changed.v2".equals(r.getString("type")));
    assertThat(records).noneMatch(r -> "com.fashionos.tasks.event_tasks.changed.v1".equals(r.getString("type")));
    JsonObject plan = plans.get(0).getJsonObject("data");
    assertThat(plan.getString("resource")).isEqualTo("plan_batch");
    assertThat(plan.getString("operation")).isEqualTo("insert");
    assertThat(plan.getValue("actor")).isNull();
    JsonObject added = plan.getJsonObject("new");
    assertThat(plans.get(0).getString("subject")).isEqualTo("plan_batch/" + added.getString("id"));
    assertThat(added.getString("plan_id")).isEqualTo(batch.planId().toString());
    assertThat(added.getInteger("batch")).isEqualTo(1);
    assertThat(added.getInteger("part")).isEqualTo(1);
    assertThat(added.getInteger("parts")).isEqualTo(1);
    JsonArray tasks = added.getJsonArray("tasks");
    assertThat(tasks.stream().map(t -> ((JsonObject) t).getString("id")))
        .containsExactlyElementsOf(batch.tasks().stream().map(t -> ((JsonObject) t).getString("id")).toList());
    for (Object item : tasks) {
      JsonObject task = (JsonObject) item;
      JsonObject got = stack.tasks.get("/api/v1/events/" + eventId + "/tasks/" + task.getString("id"))
          .token(lead.token()).send().json().getJsonObject("task");
      assertThat(withoutClock(task)).isEqualTo(withoutClock(got));
    }
    // The progress follows, once: its row and its resource.
    assertThat(records.stream().filter(r -> r.getString("type").startsWith("com.fashionos.tasks.event_progress.")))
        .hasSize(2);

    JsonObject before = tasksOf(eventId);
    // The same batch again, as a new record (a worker that published its plan twice).
    ChangeRecord again = record(batch);
    send(again);
    List<JsonObject> after = recordsOf(eventId, again.id());
    assertThat(after).hasSameSizeAs(records);
    assertThat(tasksOf(eventId)).isEqualTo(before);
  }

  /** slack_hours depends on the clock: an hour may pass between the commit and the GET. */
  private static JsonObject withoutClock(JsonObject task) {
    JsonObject copy = task.copy();
    copy.remove("slack_hours");
    return copy;
  }

  /**
   * Every record of the event on the tasks topic once the batch record {@code applied} is applied
   * and all it published has left the outbox.
   */
  private static List<JsonObject> recordsOf(String eventId, UUID applied) {
    Eventually.eventually("batch applied and its records sent", Duration.ofSeconds(30),
        () -> stack.sql("SELECT (SELECT count(*) FROM processed_records WHERE record_id = $1)"
            + " + (SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END FROM outbox) AS n", applied).get(0).getLong("n"),
        n -> n == 2);
    Properties props = new Properties();
    props.put("bootstrap.servers", stack.kafka.bootstrapServers());
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", StringDeserializer.class.getName());
    props.put("enable.auto.commit", "false");
    List<JsonObject> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      String topic = stack.kafka.topicPrefix() + "fashionos.tasks.v1";
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (eventId.equals(record.key())) records.add(new JsonObject(record.value()));
        }
      }
    }
    return records;
  }
}
