package com.fashionos.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real Apache Kafka 4 node in this JVM: KRaft, one process acting as broker and controller.
 *
 * <p>Listeners get new free ports on every start; the storage (topics, records, committed
 * offsets) survives restarts because the node's identity lives in the formatted log directory,
 * not in its addresses.
 *
 * <p>A node started with a {@link SaslUser} also has a SASL_PLAINTEXT listener that takes that
 * user with the PLAIN mechanism, as a production cluster asks clients to authenticate.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final Path logDir;
  private final int brokerPort;
  private final int controllerPort;
  private final String bootstrapServers;
  private final Path transientDir;
  private final Sasl sasl;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** The one user a SASL listener accepts. */
  public record SaslUser(String name, String password) {}

  private record Sasl(SaslUser user, int port) {}

  private EmbeddedKafka(KafkaRaftServer server, Path logDir, int brokerPort, int controllerPort, Path transientDir,
      Sasl sasl) {
    this.server = server;
    this.logDir = logDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.bootstrapServers = "127.0.0.1:" + brokerPort;
    this.transientDir = transientDir;
    this.sasl = sasl;
  }

  /** Starts a node whose log lives in {@code <dataDir>/kafka} and survives restarts. */
  public static EmbeddedKafka startPersistent(Path dataDir) {
    return start(EngineSupport.createDirectories(dataDir.resolve("kafka")), null);
  }

  /** Starts a throw-away node in a temporary directory that {@link #close()} deletes. */
  public static EmbeddedKafka startTransient() {
    Path dir = EngineSupport.tempDirectory("embedded-kafka");
    return start(dir, dir);
  }

  /** A throw-away node whose broker listens on {@code brokerPort} (a broker in a process of its own, {@link KafkaBrokerMain}). */
  public static EmbeddedKafka startTransient(int brokerPort) {
    Path dir = EngineSupport.tempDirectory("embedded-kafka");
    return start(dir, dir, brokerPort, EngineSupport.freePort(), null);
  }

  /** A throw-away node with a SASL_PLAINTEXT listener (PLAIN) beside the PLAINTEXT one. */
  public static EmbeddedKafka startTransientWithSasl(SaslUser user) {
    Path dir = EngineSupport.tempDirectory("embedded-kafka");
    return start(dir, dir, EngineSupport.freePort(), EngineSupport.freePort(), new Sasl(user, EngineSupport.freePort()));
  }

  private static EmbeddedKafka start(Path logDir, Path transientDir) {
    return start(logDir, transientDir, EngineSupport.freePort(), EngineSupport.freePort(), null);
  }

  private static EmbeddedKafka start(Path logDir, Path transientDir, int brokerPort, int controllerPort, Sasl sasl) {
    QuietLogging.warnOnly("kafka", "org.apache.kafka", "state.change.logger");
    // Only the embedded node has a controller; it warns on every start that it activates.
    QuietLogging.errorOnly("org.apache.kafka.controller");
    Properties properties = properties(logDir, brokerPort, controllerPort);
    if (sasl != null) addSaslListener(properties, brokerPort, controllerPort, sasl);
    KafkaConfig config = new KafkaConfig(properties, false);
    formatIfNeeded(config, logDir);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    EmbeddedKafka kafka = new EmbeddedKafka(server, logDir, brokerPort, controllerPort, transientDir, sasl);
    try {
      server.startup();
      awaitBroker(kafka.bootstrapServers);
      return kafka;
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  private static Properties properties(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", String.valueOf(NODE_ID)),
        // A static voter set: the controller's address is configuration, not stored state, so a
        // restart on other ports finds its data.
        Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
        Map.entry("controller.listener.names", CONTROLLER_LISTENER),
        Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
        Map.entry("log.dirs", logDir.toString()),
        // One node: every internal topic has one replica and needs only that one in sync.
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("min.insync.replicas", "1"),
        // Fewer internal partitions than the 50 sized for clusters: the first consumer group and
        // the first transaction come up in a fraction of the time.
        Map.entry("offsets.topic.num.partitions", "5"),
        Map.entry("transaction.state.log.num.partitions", "5"),
        // No waiting for more members before the first rebalance: consumers start at once.
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        // Services create their topics explicitly (names, partitions, retention in one place).
        Map.entry("auto.create.topics.enable", "false"),
        // The log cleaner would otherwise take 128 MB of the host JVM's heap up front.
        Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024)),
        // Sized for a cluster node's cores and clients; one node on the host JVM's few cores
        // needs far fewer threads, and fewer queued requests bound what they hold on the heap.
        Map.entry("num.network.threads", "2"),
        Map.entry("num.io.threads", "2"),
        Map.entry("background.threads", "2"),
        Map.entry("queued.max.requests", "100")));
    return p;
  }

  /** Brokers still talk to each other over PLAINTEXT; only clients of the SASL listener authenticate. */
  private static void addSaslListener(Properties p, int brokerPort, int controllerPort, Sasl sasl) {
    String saslListener = "SASL_PLAINTEXT://127.0.0.1:" + sasl.port();
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + saslListener + ","
        + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + saslListener);
    p.put("listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("sasl.enabled.mechanisms", "PLAIN");
    p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + sasl.user().name()
            + "=\"" + sasl.user().password() + "\";");
  }

  /** Formats the log directory like {@code kafka-storage.sh format}, once per directory. */
  private static void formatIfNeeded(KafkaConfig config, Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) return;
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(config.metadataLogDir())
          .setHasDynamicQuorum(false)
          .addDirectory(logDir.toString())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
    }
  }

  /** startup() returns once the broker is unfenced; wait until it also answers clients. */
  private static void awaitBroker(String bootstrapServers) {
    Map<String, Object> adminConfig = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(adminConfig)) {
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty()) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("Kafka broker did not register");
        Thread.sleep(50);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not become ready at " + bootstrapServers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  /** The broker's and the controller's ports, both on 127.0.0.1. */
  Map<String, Integer> ports() {
    return Map.of("kafka", brokerPort, "kafka-controller", controllerPort);
  }

  /** {@code host:port} of the broker's PLAINTEXT listener. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** {@code host:port} of the SASL_PLAINTEXT listener of a node started with a SASL user. */
  public String saslBootstrapServers() {
    if (sasl == null) throw new IllegalStateException("This node has no SASL listener");
    return "127.0.0.1:" + sasl.port();
  }

  /**
   * Stops the node and starts it again on the same ports and data, as a broker restart in a
   * cluster looks to its clients: they keep their address and reconnect. Returns the new node.
   */
  public EmbeddedKafka restart() {
    if (closed.getAndSet(true)) throw new IllegalStateException("The node is closed");
    server.shutdown();
    server.awaitShutdown();
    return start(logDir, transientDir, brokerPort, controllerPort, sasl);
  }

  /** Shuts the node down cleanly (waits for it) and deletes a transient node's data. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) return;
    server.shutdown();
    server.awaitShutdown();
    if (transientDir != null) EngineSupport.deleteRecursively(transientDir);
  }
}
