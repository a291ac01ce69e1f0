package com.fashionos.platform.config;

import com.fashionos.platform.auth.AuthConfig;

/**
 * What every service reads from its environment, once, at start. The defaults point at a local
 * PostgreSQL and Kafka; standalone builds these records directly for its embedded engines.
 */
public record ServiceConfig(int port, DatabaseConfig database, KafkaConfig kafka, AuthConfig auth) {

  public static ServiceConfig fromEnv(Env env, int defaultPort) {
    return new ServiceConfig(
        env.getInt("PORT", defaultPort),
        DatabaseConfig.fromUrl(env.get("DATABASE_URL", "postgres://postgres@localhost:5432/fashionos"),
            env.getInt("DATABASE_POOL_SIZE", 10)),
        kafka(env),
        AuthConfig.fromEnv(env, null));
  }

  public static KafkaConfig kafka(Env env) {
    return new KafkaConfig(
        env.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        env.get("KAFKA_TOPIC_PREFIX", ""),
        env.getInt("KAFKA_PARTITIONS", 6),
        (short) env.getInt("KAFKA_REPLICATION_FACTOR", 1));
  }
}
