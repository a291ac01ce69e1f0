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

  /** Idempotent, fully acknowledged, low-latency producer settings. */
  public static Map<String, String> producerConfig(KafkaConfig kafka, String clientId) {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", kafka.bootstrapServers());
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
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", kafka.bootstrapServers());
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

  /** Creates any of the system's topics that do not exist yet. */
  public static Future<Void> ensureTopics(Vertx vertx, KafkaConfig kafka) {
    return vertx.executeBlocking(() -> {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = Topics.ALL.stream()
            .filter(topic -> !existing.contains(Topics.name(kafka, topic)))
            .map(topic -> new NewTopic(Topics.name(kafka, topic), kafka.partitions(), kafka.replicationFactor())
                .configs(Map.of("retention.ms", Long.toString(topic.retention().toMillis()))))
            .toList();
        if (!missing.isEmpty()) {
          try {
            admin.createTopics(missing).all().get();
          } catch (ExecutionException e) {
            // Another service created it at the same moment: that is what we wanted.
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
          }
        }
      }
      return null;
    });
  }
}
