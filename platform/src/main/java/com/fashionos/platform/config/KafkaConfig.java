package com.fashionos.platform.config;

/**
 * Where the Kafka brokers are and how to reach them. {@code topicPrefix} namespaces every topic
 * name (empty in production; tests give each test class its own so they never see each other's
 * records).
 *
 * @param minInsyncReplicas the topics' min.insync.replicas: with acks=all a write needs this many
 *     replicas, so one broker lost loses no acknowledged record (1 on one node, 2 in a cluster of 3)
 * @param createTopics whether services create missing topics at start (standalone, tests) or only
 *     check that the create-topics Job did (Deployments)
 */
public record KafkaConfig(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor,
    int minInsyncReplicas, boolean createTopics, KafkaSecurity security) {

  /** PLAINTEXT, min.insync.replicas 1, topics created at start: one node, standalone and tests. */
  public KafkaConfig(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor) {
    this(bootstrapServers, topicPrefix, partitions, replicationFactor, 1, true, KafkaSecurity.PLAINTEXT);
  }

  /**
   * KAFKA_BOOTSTRAP_SERVERS (localhost:9092), KAFKA_TOPIC_PREFIX (none), KAFKA_PARTITIONS (6),
   * KAFKA_REPLICATION_FACTOR (1), KAFKA_MIN_INSYNC_REPLICAS (1), KAFKA_CREATE_TOPICS (true) and
   * {@link KafkaSecurity#fromEnv}.
   */
  public static KafkaConfig fromEnv(Env env) {
    return new KafkaConfig(
        env.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        env.get("KAFKA_TOPIC_PREFIX", ""),
        env.getInt("KAFKA_PARTITIONS", 6),
        (short) env.getInt("KAFKA_REPLICATION_FACTOR", 1),
        env.getInt("KAFKA_MIN_INSYNC_REPLICAS", 1),
        env.getBoolean("KAFKA_CREATE_TOPICS", true),
        KafkaSecurity.fromEnv(env));
  }

  public KafkaConfig withCreateTopics(boolean create) {
    return new KafkaConfig(bootstrapServers, topicPrefix, partitions, replicationFactor, minInsyncReplicas, create, security);
  }

  public KafkaConfig withSecurity(KafkaSecurity otherSecurity) {
    return new KafkaConfig(bootstrapServers, topicPrefix, partitions, replicationFactor, minInsyncReplicas, createTopics,
        otherSecurity);
  }
}
