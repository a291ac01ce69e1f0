package com.fashionos.platform.kafka;

import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Client settings used everywhere, and topic creation. */
public final class KafkaClients {
  private KafkaClients() {}

  /**
   * Where the brokers are and how to authenticate to them: the start of every producer's,
   * consumer's and admin client's settings.
   */
  public static Map<String, String> clientConfig(KafkaConfig kafka) {
    Map<String, String> config = new HashMap<>(kafka.security().clientSettings());
    config.put("bootstrap.servers", kafka.bootstrapServers());
    return config;
  }

  /** Idempotent, fully acknowledged, low-latency producer settings. */
  public static Map<String, String> producerConfig(KafkaConfig kafka, String clientId) {
    Map<String, String> config = clientConfig(kafka);
    config.put("client.id", clientId);
    config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("max.in.flight.requests.per.connection", "5");
    config.put("linger.ms", "1");
    return config;
  }

  /** Consumer settings: offsets are committed by hand, only after the effect is durable. */
  public static Map<String, String> consumerConfig(KafkaConfig kafka, String groupId) {
    Map<String, String> config = clientConfig(kafka);
    config.put("group.id", kafka.topicPrefix() + groupId);
    config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    config.put("max.poll.records", "500");
    // A replica that died without leaving the group holds its partitions until this expires;
    // 10 s (not the default 45 s) bounds how long a crash stalls projections.
    config.put("session.timeout.ms", "10000");
    config.put("heartbeat.interval.ms", "3000");
    return config;
  }

  /**
   * Creates any of the system's topics that do not exist yet, with the configured partitions,
   * replication factor and min.insync.replicas; with {@code createTopics} off (the create-topics
   * Job made them) only checks they exist and fails naming the first missing one.
   */
  public static Future<Void> ensureTopics(Vertx vertx, KafkaConfig kafka) {
    return vertx.executeBlocking(() -> {
      try (Admin admin = Admin.create(new HashMap<String, Object>(clientConfig(kafka)))) {
        Set<String> existing = admin.listTopics().names().get();
        List<Topics.Topic> missing = Topics.ALL.stream()
            .filter(topic -> !existing.contains(Topics.name(kafka, topic)))
            .toList();
        if (missing.isEmpty()) return null;
        if (!kafka.createTopics()) {
          throw new IllegalStateException("Kafka topic " + Topics.name(kafka, missing.get(0))
              + " does not exist: run the create-topics job");
        }
        try {
          admin.createTopics(missing.stream().map(topic -> newTopic(kafka, topic)).toList()).all().get();
        } catch (ExecutionException e) {
          // Another service created it at the same moment: that is what we wanted.
          if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
      }
      return null;
    });
  }

  private static NewTopic newTopic(KafkaConfig kafka, Topics.Topic topic) {
    return new NewTopic(Topics.name(kafka, topic), kafka.partitions(), kafka.replicationFactor())
        .configs(Map.of(
            "retention.ms", Long.toString(topic.retention().toMillis()),
            "min.insync.replicas", Integer.toString(kafka.minInsyncReplicas())));
  }
}
