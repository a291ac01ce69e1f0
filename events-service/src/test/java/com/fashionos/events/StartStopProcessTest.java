package com.fashionos.events;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.ServiceProcess;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * events-service as a pod runs it, a process of its own (docs/operations.md, "Start and stop"):
 * it exits at once with one line when it cannot start, 2 for a mode it does not know; on SIGTERM
 * the requests in flight are all answered, and the Idempotency-Key claim of one that cannot
 * finish is released, not left for a minute.
 */
@ExtendWith(TestEngines.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class StartStopProcessTest {
  private static final Duration START = Duration.ofSeconds(90);
  /** HTTP/1.1, as the gateway calls services: a request per connection in flight. */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private static DatabaseConfig database;
  private static KafkaConfig kafka;
  private static Vertx vertx;
  private static TestUsers users;
  /** The test's own look into the service's database, as its owner. */
  private static Pool sql;

  @BeforeAll
  static void engines(TestEngines.Stack stack) {
    database = stack.freshDatabase();
    kafka = stack.kafka();
    vertx = Vertx.vertx();
    users = new TestUsers(vertx);
    sql = PgBuilder.pool().connectingTo(Database.connectOptions(database, EventsServiceVerticle.SCHEMA)).using(vertx).build();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static Map<String, String> env(int port, int delayMs, int graceMs) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", Integer.toString(port));
    env.put("DATABASE_URL", ServiceProcess.databaseUrl(database));
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("KAFKA_TOPIC_PREFIX", kafka.topicPrefix());
    env.put("KAFKA_PARTITIONS", Integer.toString(kafka.partitions()));
    env.put("JWT_SECRET", TestUsers.SECRET);
    env.put("SHUTDOWN_DELAY_MS", Integer.toString(delayMs));
    env.put("SHUTDOWN_GRACE_MS", Integer.toString(graceMs));
    return env;
  }

  @Test
  void aServiceThatCannotReachKafkaExits1WithOneLineSayingWhy() {
    Map<String, String> env = env(freePort(), 0, 0);
    env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka.invalid:9092");
    long started = System.nanoTime();
    try (ServiceProcess events = ServiceProcess.start("events-service", Main.class, env)) {
      assertThat(events.exitStatus(START)).as(String.join("\n", events.output())).isEqualTo(1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
      List<String> why = events.output().stream().filter(line -> line.contains("events-service failed to start: ")).toList();
      assertThat(why).hasSize(1);
      assertThat(why.get(0)).contains("bootstrap");
      assertThat(events.output()).noneMatch(line -> line.startsWith("\tat "));
    }
  }

  @Test
  void anUnknownModeOrABadSettingExits2() {
    try (ServiceProcess events = ServiceProcess.start("events-service", Main.class, env(freePort(), 0, 0), "seed")) {
      assertThat(events.exitStatus(START)).isEqualTo(2);
      assertThat(events.output()).anyMatch(line -> line.contains("events-service is misconfigured: unknown mode 'seed'"));
    }
    Map<String, String> env = env(freePort(), 0, 0);
    env.put("SHUTDOWN_GRACE_MS", "soon");
    try (ServiceProcess events = ServiceProcess.start("events-service", Main.class, env)) {
      assertThat(events.exitStatus(START)).isEqualTo(2);
      assertThat(events.output()).anyMatch(line -> line.contains("SHUTDOWN_GRACE_MS must be an integer"));
    }
  }

  @Test
  void theModesMigrateOrCreateTopicsThenExit0(TestEngines.Stack stack) throws Exception {
    DatabaseConfig empty = stack.freshDatabase();
    KafkaConfig fresh = stack.kafka();
    Map<String, String> env = env(freePort(), 0, 0);
    env.put("DATABASE_URL", ServiceProcess.databaseUrl(empty));
    env.put("KAFKA_TOPIC_PREFIX", fresh.topicPrefix());
    try (ServiceProcess migrate = ServiceProcess.start("events-service", Main.class, env, "migrate")) {
      assertThat(migrate.exitStatus(START)).as(String.join("\n", migrate.output())).isZero();
    }
    Pool migrated = PgBuilder.pool().connectingTo(Database.connectOptions(empty, EventsServiceVerticle.SCHEMA)).using(vertx).build();
    try {
      assertThat(migrated.query("SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'events' "
          + "AND table_name IN ('events', 'outbox', 'idempotency_keys')").execute().await().iterator().next().getLong("tables"))
          .isEqualTo(3);
    } finally {
      migrated.close().await();
    }

    try (ServiceProcess topics = ServiceProcess.start("events-service", Main.class, env, "create-topics");
        Admin admin = Admin.create(Map.of("bootstrap.servers", fresh.bootstrapServers()))) {
      assertThat(topics.exitStatus(START)).as(String.join("\n", topics.output())).isZero();
      Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      assertThat(names).contains(Topics.name(fresh, Topics.EVENTS));
      assertThat(admin.describeTopics(List.of(Topics.name(fresh, Topics.EVENTS))).allTopicNames().get(10, TimeUnit.SECONDS)
          .get(Topics.name(fresh, Topics.EVENTS)).partitions()).hasSize(kafka.partitions());
    }
  }

  @Test
  void sigtermAnswersEveryRequestInFlightAndExits0() throws Exception {
    int port = freePort();
    SqlConnection locker = sql.getConnection().await();
    try (ServiceProcess events = ServiceProcess.start("events-service", Main.class, env(port, 1_500, 20_000))) {
      awaitReady(events, port);
      TestUsers.User sarah = users.create("Sarah Chen");
      assertThat(get(port, "/api/v1/events", sarah.token()).statusCode()).isEqualTo(200);

      // The events table locked: every list waits in the database, in flight.
      Transaction lock = locker.begin().await();
      locker.query("LOCK TABLE events.events IN ACCESS EXCLUSIVE MODE").execute().await();
      List<CompletableFuture<HttpResponse<String>>> inFlight = IntStream.range(0, 8)
          .mapToObj(i -> HTTP.sendAsync(request(port, "/api/v1/events", sarah.token()).build(),
              HttpResponse.BodyHandlers.ofString()))
          .toList();
      eventually("8 requests waiting for the lock", () -> waitingForLocks(), waiting -> waiting == 8);

      events.terminate();
      // Readiness goes first, while the service still serves.
      eventually("readiness 503 while stopping", () -> get(port, "/health/ready", null),
          ready -> ready.statusCode() == 503 && ready.body().contains("stopping"));
      // Then it takes no new connections, and the requests in flight still finish.
      eventually("new connections refused", () -> refused(port), refused -> refused);
      lock.commit().await();

      for (CompletableFuture<HttpResponse<String>> request : inFlight) {
        HttpResponse<String> answer = request.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      }
      assertThat(events.exitStatus(Duration.ofSeconds(30))).as(String.join("\n", events.output())).isZero();
      assertThat(events.output()).anyMatch(line -> line.contains("events-service stopped"));
    } finally {
      locker.close().await();
    }
  }

  @Test
  void theIdempotencyKeyClaimOfARequestThatCannotFinishIsReleased() {
    int port = freePort();
    SqlConnection locker = sql.getConnection().await();
    try (ServiceProcess events = ServiceProcess.start("events-service", Main.class, env(port, 100, 500))) {
      awaitReady(events, port);
      TestUsers.User sarah = users.create("Sarah Chen");
      assertThat(get(port, "/api/v1/events", sarah.token()).statusCode()).isEqualTo(200);

      Transaction lock = locker.begin().await();
      locker.query("LOCK TABLE events.events IN ACCESS EXCLUSIVE MODE").execute().await();
      HTTP.sendAsync(request(port, "/api/v1/events", sarah.token()).header("Idempotency-Key", "stuck-1")
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(EventsServiceUnderTest.newEvent("Stuck show").encode())).build(),
          HttpResponse.BodyHandlers.ofString());
      eventually("the claimed request waiting for the lock", () -> openClaims() == 1 && waitingForLocks() == 1,
          claimedAndWaiting -> claimedAndWaiting);

      events.terminate();
      // Released while the request's transaction still waits: a retry elsewhere runs at once.
      eventually("the claim released", () -> openClaims(), open -> open == 0);
      // The request then gets its lock, but cannot store its answer without its claim: nothing commits.
      lock.rollback().await();
      assertThat(events.exitStatus(Duration.ofSeconds(30))).as(String.join("\n", events.output())).isZero();
      assertThat(sql.query("SELECT count(*) AS stuck FROM events.events WHERE name = 'Stuck show'").execute().await()
          .iterator().next().getLong("stuck")).isZero();
    } finally {
      locker.close().await();
    }
  }

  private static long waitingForLocks() {
    return sql.query("SELECT count(*) AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        + "AND datname = current_database()").execute().await().iterator().next().getLong("waiting");
  }

  private static long openClaims() {
    return sql.query("SELECT count(*) AS open FROM events.idempotency_keys WHERE completed_at IS NULL")
        .execute().await().iterator().next().getLong("open");
  }

  private static void awaitReady(ServiceProcess events, int port) {
    eventually("events-service ready", START, () -> {
      if (!events.isAlive()) throw new IllegalStateException("exited: " + events.output());
      return get(port, "/health/ready", null).statusCode();
    }, status -> status == 200);
  }

  private static HttpRequest.Builder request(int port, String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private static HttpResponse<String> get(int port, String path, String token) {
    try {
      return HTTP.send(request(port, path, token).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether a new connection to the port is refused (a fresh client: no pooled connection). */
  private static boolean refused(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
