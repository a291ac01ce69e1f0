package com.fashionos.platform.health;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.config.ShutdownConfig;
import com.fashionos.platform.kafka.KafkaClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every service's {@code Main} runs it (docs/operations.md, "Start and stop"). The mode is
 * the first argument: none serves; {@code migrate} runs the schema migrations and exits;
 * {@code create-topics} creates the Kafka topics and exits. A service that cannot start logs one
 * line with the cause and exits 1 (2 for bad configuration or an unknown mode), so the
 * orchestrator sees it at once instead of a process that hangs. On SIGTERM it drains: readiness
 * 503 for SHUTDOWN_DELAY_MS while still serving, requests in flight finish within
 * SHUTDOWN_GRACE_MS, then the {@link Lifecycle#shutdown} of consumers and relays, and exit 0.
 */
public final class Launcher {
  private static final int CONFIG_ERROR = 2;
  private static final int START_FAILED = 1;
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
  /** What vertx.close() may take once the service has shut down (pools, clients). */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private Launcher() {}

  /** Runs {@code service}, its verticle built from the environment; returns only while it serves. */
  public static void run(String service, String[] args, Function<Env, ? extends Lifecycle> verticle) {
    Env env = Env.system();
    String mode = args.length == 0 ? "serve" : args[0];
    Lifecycle built;
    ShutdownConfig shutdown;
    try {
      if (!List.of("serve", "migrate", "create-topics").contains(mode)) {
        throw new IllegalArgumentException("unknown mode '" + mode + "' (expected none, migrate or create-topics)");
      }
      built = verticle.apply(env);
      shutdown = ShutdownConfig.fromEnv(env);
    } catch (RuntimeException e) {
      exit(service + " is misconfigured", e, CONFIG_ERROR);
      return;
    }
    switch (mode) {
      case "migrate" -> {
        try {
          built.migrate();
        } catch (RuntimeException e) {
          exit(service + " failed to migrate", e, START_FAILED);
        }
        LOG.info("{} migrated", service);
        System.exit(0);
      }
      case "create-topics" -> {
        Vertx vertx = Vertx.vertx();
        try {
          // The hook Job shares the services' KAFKA_CREATE_TOPICS=false; this mode exists to create them.
          KafkaClients.ensureTopics(vertx, ServiceConfig.kafka(env).withCreateTopics(true)).await();
        } catch (Throwable e) {
          exit(service + " failed to create topics", e, START_FAILED);
        }
        LOG.info("{} created or found every topic", service);
        System.exit(0);
      }
      default -> serve(service, built, shutdown);
    }
  }

  private static void serve(String service, Lifecycle verticle, ShutdownConfig shutdown) {
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    try {
      vertx.deployVerticle(verticle).await();
    } catch (Throwable e) {
      exit(service + " failed to start", e, START_FAILED);
    }
    LOG.info("{} started", service);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(service, vertx, verticle, shutdown), service + "-stop"));
  }

  /**
   * The SIGTERM drain. Runs as a shutdown hook (registered once the service serves) and ends with
   * halt(0): the stop was clean, and the orchestrator should see 0, not the signal's 143.
   */
  private static void stop(String service, Vertx vertx, Lifecycle verticle, ShutdownConfig shutdown) {
    LOG.info("{} stopping: not ready for {} ms, then up to {} ms for requests in flight", service,
        shutdown.delay().toMillis(), shutdown.grace().toMillis());
    int status = 0;
    try {
      verticle.drain();
      Thread.sleep(shutdown.delay().toMillis());
      stage("the service", verticle.shutdown(shutdown.grace()), shutdown.grace().plus(CLOSE_TIMEOUT));
      stage("Vert.x", vertx.close(), CLOSE_TIMEOUT);
      LOG.info("{} stopped", service);
    } catch (Throwable e) {
      LOG.warn("{} did not stop cleanly: {}", service, describe(e));
      status = 1;
    }
    Runtime.getRuntime().halt(status);
  }

  /** Waits for one step of the stop; one that overruns is named in the log line. */
  private static void stage(String what, Future<?> stopped, Duration within) throws Exception {
    try {
      stopped.await(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not stop within " + within.toMillis() + " ms", e);
    }
  }

  /** One line with the cause, then exit: the stack is for DEBUG, the reason is for whoever reads the pod's log. */
  private static void exit(String what, Throwable e, int status) {
    LOG.error("{}: {}", what, describe(e));
    LOG.debug("{}", what, e);
    System.exit(status);
  }

  /** The failure and its causes in one line, each message once. */
  static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
      message = message.replaceAll("\\s+", " ").trim();
      String text = message;
      if (parts.stream().noneMatch(seen -> seen.contains(text))) parts.add(text);
    }
    return String.join(": ", parts);
  }
}
