package com.fashionos.platform.config;

/**
 * Where the Kafka brokers are. {@code topicPrefix} namespaces every topic name (empty in
 * production; tests give each test class its own so they never see each other's records).
 */
public record KafkaConfig(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor) {
}
