package com.fashionos.platform.config;

import com.fashionos.platform.auth.AuthConfig;

/**
 * What every service reads from its environment, once, at start. The defaults point at a local
 * PostgreSQL and Kafka; standalone builds these records directly for its embedded engines.
 *
 * @param host the address the HTTP server binds: every interface in a pod (the container's port
 *     is reached from outside it), loopback where the service runs beside its gateway on one host
 */
public record ServiceConfig(String host, int port, DatabaseConfig database, KafkaConfig kafka, AuthConfig auth) {
  public static final String ALL_INTERFACES = "0.0.0.0";
  public static final String LOOPBACK = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  /** A service in this process, reachable only from this host (standalone, tests). */
  public ServiceConfig(int port, DatabaseConfig database, KafkaConfig kafka, AuthConfig auth) {
    this(LOOPBACK, port, database, kafka, auth);
  }

  public static ServiceConfig fromEnv(Env env) {
    return new ServiceConfig(host(env), port(env), DatabaseConfig.fromEnv(env), kafka(env), AuthConfig.fromEnv(env, null));
  }

  /** PORT: 8080 for every service, as in every container and behind every Kubernetes Service. */
  public static int port(Env env) {
    return env.getInt("PORT", DEFAULT_PORT);
  }

  /** BIND_HOST: the address to listen on (default every interface, as a container needs). */
  public static String host(Env env) {
    return env.get("BIND_HOST", ALL_INTERFACES);
  }

  public static KafkaConfig kafka(Env env) {
    return KafkaConfig.fromEnv(env);
  }
}
