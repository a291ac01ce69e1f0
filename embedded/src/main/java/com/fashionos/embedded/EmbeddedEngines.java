package com.fashionos.embedded;

import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.S3Config;
import java.net.URI;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What standalone mode runs on: PostgreSQL, Kafka and S3, each either started here with its data
 * under one directory (listening on 127.0.0.1 only), or an external one named by the environment.
 *
 * <ul>
 *   <li>{@code DATABASE_URL} ({@code postgres://user:pass@host:port/db}), pool size from
 *       {@code DATABASE_POOL_SIZE};
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS}, with {@code KAFKA_TOPIC_PREFIX}, {@code KAFKA_PARTITIONS}
 *       and {@code KAFKA_REPLICATION_FACTOR} (default 3 for an external cluster, 1 embedded);
 *   <li>{@code S3_ENDPOINT} with {@code S3_ACCESS_KEY}, {@code S3_SECRET_KEY} and {@code S3_REGION}.
 * </ul>
 */
public final class EmbeddedEngines implements AutoCloseable {
  static final int DEFAULT_PARTITIONS = 3;
  static final short EXTERNAL_REPLICATION_FACTOR = 3;

  private final DatabaseConfig database;
  private final KafkaConfig kafka;
  private final S3Config s3;
  /** Engines started here, the last one up first: closing pops them in reverse order. */
  private final Deque<AutoCloseable> started;
  private final Map<String, Integer> embeddedPorts;

  private EmbeddedEngines(DatabaseConfig database, KafkaConfig kafka, S3Config s3, Deque<AutoCloseable> started,
      Map<String, Integer> embeddedPorts) {
    this.database = database;
    this.kafka = kafka;
    this.s3 = s3;
    this.started = started;
    this.embeddedPorts = Map.copyOf(embeddedPorts);
  }

  /** Starts the engines the process environment does not point elsewhere, data under {@code dataDir}. */
  public static EmbeddedEngines start(Path dataDir) {
    return start(dataDir, Env.system());
  }

  public static EmbeddedEngines start(Path dataDir, Env env) {
    int poolSize = env.getInt("DATABASE_POOL_SIZE", EmbeddedPostgres.DEFAULT_POOL_SIZE);
    Optional<DatabaseConfig> externalDatabase = env.optional("DATABASE_URL").map(url -> DatabaseConfig.fromUrl(url, poolSize));
    Optional<String> externalKafka = env.optional("KAFKA_BOOTSTRAP_SERVERS");
    short replication = (short) env.getInt("KAFKA_REPLICATION_FACTOR",
        externalKafka.isPresent() ? EXTERNAL_REPLICATION_FACTOR : 1);
    String topicPrefix = env.get("KAFKA_TOPIC_PREFIX", "");
    int partitions = env.getInt("KAFKA_PARTITIONS", DEFAULT_PARTITIONS);
    // Every setting is checked before anything starts, so a bad one leaves nothing running.
    Optional<S3Config> externalS3 = env.optional("S3_ENDPOINT")
        .map(endpoint -> new S3Config(endpoint, required(env, "S3_ACCESS_KEY"), required(env, "S3_SECRET_KEY"),
            env.get("S3_REGION", EmbeddedS3.REGION), env.get("S3_PUBLIC_ENDPOINT", endpoint)));

    // The three start side by side: PostgreSQL is a child process, Kafka and S3 mostly wait on
    // their own threads, so together they take about as long as Kafka alone.
    Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();
    Map<String, Integer> ports = new ConcurrentHashMap<>();
    ExecutorService starters = Executors.newFixedThreadPool(3, runnable -> new Thread(runnable, "embedded-engine-start"));
    try {
      CompletableFuture<DatabaseConfig> database = externalDatabase.map(CompletableFuture::completedFuture)
          .orElseGet(() -> CompletableFuture.supplyAsync(() -> {
            DatabaseConfig embedded = push(started, EmbeddedPostgres.startPersistent(dataDir)).config();
            ports.put("postgres", embedded.port());
            return embedded.withPoolSize(poolSize);
          }, starters));
      CompletableFuture<String> bootstrapServers = externalKafka.map(CompletableFuture::completedFuture)
          .orElseGet(() -> CompletableFuture.supplyAsync(() -> {
            EmbeddedKafka embedded = push(started, EmbeddedKafka.startPersistent(dataDir));
            ports.putAll(embedded.ports());
            return embedded.bootstrapServers();
          }, starters));
      CompletableFuture<S3Config> s3 = externalS3.map(CompletableFuture::completedFuture)
          .orElseGet(() -> CompletableFuture.supplyAsync(() -> {
            S3Config embedded = push(started, EmbeddedS3.startPersistent(dataDir)).config();
            ports.put("s3", URI.create(embedded.endpoint()).getPort());
            return embedded;
          }, starters));
      try {
        CompletableFuture.allOf(database, bootstrapServers, s3).join();
      } catch (CompletionException e) {
        // The others have finished too (allOf waits for all): whatever did start is stopped.
        RuntimeException failure = e.getCause() instanceof RuntimeException r ? r : e;
        closeAll(started, failure);
        throw failure;
      }
      return new EmbeddedEngines(database.join(), new KafkaConfig(bootstrapServers.join(), topicPrefix, partitions,
          replication), s3.join(), started, ports);
    } finally {
      starters.shutdown();
    }
  }

  private static <T extends AutoCloseable> T push(Deque<AutoCloseable> started, T engine) {
    started.push(engine);
    return engine;
  }

  private static String required(Env env, String name) {
    return env.optional(name).orElseThrow(() -> new IllegalArgumentException(name + " is required with S3_ENDPOINT"));
  }

  public DatabaseConfig database() {
    return database;
  }

  public KafkaConfig kafka() {
    return kafka;
  }

  public S3Config s3() {
    return s3;
  }

  /** The ports of the engines started here, by engine (postgres, kafka, kafka-controller, s3). */
  public Map<String, Integer> embeddedPorts() {
    return embeddedPorts;
  }

  /** Stops what was started here (in reverse order of having come up); external engines stay. */
  @Override
  public void close() {
    IllegalStateException failure = new IllegalStateException("embedded engines did not all stop cleanly");
    closeAll(started, failure);
    if (failure.getSuppressed().length > 0) throw failure;
  }

  private static void closeAll(Deque<AutoCloseable> started, Throwable failures) {
    AutoCloseable engine;
    while ((engine = started.poll()) != null) {
      try {
        engine.close();
      } catch (Exception e) {
        failures.addSuppressed(e);
      }
    }
  }
}
