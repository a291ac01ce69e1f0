package com.fashionos.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.startTransient();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void roundTripThroughAConsumerGroup() throws Exception {
    createTopic(kafka, "round-trip");
    send(kafka, "round-trip", "event-1", "hello");

    assertThat(consume(kafka, "round-trip", "round-trip-group", 1))
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactly(tuple("event-1", "hello"));
  }

  @Test
  void topicsAreNotCreatedOnFirstUse() {
    try (KafkaProducer<String, String> producer = producer(kafka, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500))) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-created", "k", "v")).get())
          .hasCauseInstanceOf(TimeoutException.class);
    }
  }

  @Test
  void persistentNodeKeepsTopicsAndRecordsAcrossRestarts(@TempDir Path dataDir) throws Exception {
    String firstAddress;
    try (EmbeddedKafka first = EmbeddedKafka.startPersistent(dataDir)) {
      firstAddress = first.bootstrapServers();
      createTopic(first, "kept");
      send(first, "kept", "event-1", "before restart");
    }

    try (EmbeddedKafka second = EmbeddedKafka.startPersistent(dataDir)) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", second.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get()).contains("kept");
      }
      send(second, "kept", "event-2", "after restart");
      assertThat(consume(second, "kept", "restart-group", 2))
          .extracting(ConsumerRecord::value)
          .containsExactly("before restart", "after restart");
    }
    // Usually a different port; the data must not depend on it either way.
    assertThat(firstAddress).startsWith("127.0.0.1:");
  }

  static void createTopic(EmbeddedKafka node, String topic) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", node.bootstrapServers()))) {
      admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  static void send(EmbeddedKafka node, String topic, String key, String value) throws Exception {
    try (KafkaProducer<String, String> producer = producer(node, Map.of())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  static KafkaProducer<String, String> producer(EmbeddedKafka node, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
    config.putAll(extra);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  static List<ConsumerRecord<String, String>> consume(EmbeddedKafka node, String topic, String group, int count) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
