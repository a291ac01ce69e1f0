package com.fashionos.embedded;

import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.S3Config;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests real PostgreSQL, Kafka and S3.
 *
 * <pre>
 * &#64;ExtendWith(TestEngines.class)
 * class SomethingIT {
 *   &#64;BeforeAll static void setUp(TestEngines.Stack stack) { DatabaseConfig db = stack.freshDatabase(); ... }
 * }
 * </pre>
 *
 * <p>The engines start once per test JVM, on the first injection of a {@link Stack}, all three
 * at the same time, and stop when JUnit closes its root store at the end of the run. Tests stay
 * apart by name, not by server: each {@link Stack#freshDatabase()} is a new empty database and
 * each {@link Stack#kafka()} a new topic prefix. With {@code TEST_DATABASE_URL} set
 * ({@code postgres://postgres@127.0.0.1:5432/postgres}, a superuser) the databases are created on
 * that server instead of an embedded one, and dropped again at the end.
 */
public final class TestEngines implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(TestEngines.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Stack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Engines engines = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Engines.class, type -> new Engines(Env.system()), Engines.class);
    return new Stack(engines, context.getRequiredTestClass());
  }

  /** The engines as one test class sees them. */
  public static final class Stack {
    private final Engines engines;
    private final Class<?> testClass;

    private Stack(Engines engines, Class<?> testClass) {
      this.engines = engines;
      this.testClass = testClass;
    }

    /** A new, empty database named after the test class (every call makes another one). */
    public DatabaseConfig freshDatabase() {
      return engines.freshDatabase(testClass);
    }

    /** The broker with a topic prefix no other call gets ("t7."), 3 partitions, 1 replica. */
    public KafkaConfig kafka() {
      return engines.kafka();
    }

    public S3Config s3() {
      return engines.s3();
    }
  }

  /** An engine started for this JVM, or an external one (then stopping it does nothing). */
  record Running<C>(C config, AutoCloseable stopper) {}

  /**
   * The per-JVM engines; JUnit closes them with the root store (JUnit 5.13 looks for
   * AutoCloseable and warns about a bare CloseableResource, older versions only know the latter).
   */
  static final class Engines implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final int PARTITIONS = 3;
    /** Tells apart the databases of test JVMs sharing one external server. */
    private final String runId = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    private final AtomicInteger counter = new AtomicInteger();
    private final boolean externalDatabase;
    private final List<String> externalDatabases = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Running<DatabaseConfig>> postgres;
    private final CompletableFuture<Running<String>> kafka;
    private final CompletableFuture<Running<S3Config>> s3;

    Engines(Env env) {
      Optional<DatabaseConfig> external = env.optional("TEST_DATABASE_URL")
          .map(url -> DatabaseConfig.fromUrl(url, EmbeddedPostgres.DEFAULT_POOL_SIZE));
      externalDatabase = external.isPresent();
      boolean docker = dockerAvailable();
      postgres = external.isPresent()
          ? CompletableFuture.completedFuture(new Running<>(external.get(), () -> {}))
          : startAsync("postgres", docker ? DockerEngines::postgres : Engines::embeddedPostgres);
      kafka = startAsync("kafka", docker ? DockerEngines::kafka : Engines::embeddedKafka);
      s3 = startAsync("s3", docker ? DockerEngines::s3 : Engines::embeddedS3);
    }

    private static boolean dockerAvailable() {
      try {
        return DockerEngines.dockerAvailable();
      } catch (NoClassDefFoundError e) {
        return false; // Testcontainers is not on this test class path
      }
    }

    private static Running<DatabaseConfig> embeddedPostgres() {
      EmbeddedPostgres server = EmbeddedPostgres.startTransient();
      return new Running<>(server.config(), server);
    }

    private static Running<String> embeddedKafka() {
      EmbeddedKafka node = EmbeddedKafka.startTransient();
      return new Running<>(node.bootstrapServers(), node);
    }

    private static Running<S3Config> embeddedS3() {
      EmbeddedS3 store = EmbeddedS3.startTransient();
      return new Running<>(store.config(), store);
    }

    /** One thread per engine: the engines start side by side (the common pool may have one thread). */
    private static <T> CompletableFuture<T> startAsync(String name, Supplier<T> start) {
      Executor ownThread = task -> {
        Thread thread = new Thread(task, "test-engines-start-" + name);
        thread.setDaemon(true);
        thread.start();
      };
      return CompletableFuture.supplyAsync(start, ownThread);
    }

    synchronized DatabaseConfig freshDatabase(Class<?> testClass) {
      String name = databaseName(testClass);
      if (externalDatabase) externalDatabases.add(name);
      return PostgresAdmin.createDatabase(join(postgres).config(), name);
    }

    private String databaseName(Class<?> testClass) {
      String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      String suffix = "_" + runId + "_" + counter.incrementAndGet();
      return "t_" + base.substring(0, Math.min(base.length(), 63 - 2 - suffix.length())) + suffix;
    }

    KafkaConfig kafka() {
      return new KafkaConfig(join(kafka).config(), "t" + counter.incrementAndGet() + ".", PARTITIONS, (short) 1);
    }

    S3Config s3() {
      return join(s3).config();
    }

    private static <T> T join(CompletableFuture<T> engine) {
      try {
        return engine.join();
      } catch (CompletionException e) {
        throw new IllegalStateException("test engine did not start", e.getCause());
      }
    }

    /**
     * Stops in reverse order; an engine that failed to start has nothing to stop. Databases made
     * on an external server are dropped, since that server outlives the run.
     */
    @Override
    public void close() {
      RuntimeException failure = new IllegalStateException("test engines did not all stop cleanly");
      stop(s3, failure);
      stop(kafka, failure);
      for (String name : externalDatabases) {
        try {
          PostgresAdmin.dropDatabase(join(postgres).config(), name);
        } catch (RuntimeException e) {
          failure.addSuppressed(e);
        }
      }
      stop(postgres, failure);
      if (failure.getSuppressed().length > 0) throw failure;
    }

    private static void stop(CompletableFuture<? extends Running<?>> engine, RuntimeException failure) {
      Running<?> running;
      try {
        running = engine.join();
      } catch (CompletionException e) {
        return;
      }
      try {
        running.stopper().close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
