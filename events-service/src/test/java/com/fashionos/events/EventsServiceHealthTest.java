package com.fashionos.events;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.EmbeddedPostgres;
import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestEngines;
import com.fashionos.embedded.TestUsers;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.ServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Readiness tells the truth about the database: a running events-service on a PostgreSQL server
 * of its own (never the shared one) turns not ready within seconds when that server stops
 * answering, while liveness stays up (the process is fine, restarting it would not help), and
 * turns ready again when the server answers again.
 *
 * <p>The server is frozen (SIGSTOP on the postmaster and its backends), not shut down: an
 * embedded server starts on a new port each time, and a frozen one is the harder case anyway
 * (connections hang instead of being refused).
 */
@ExtendWith(TestEngines.class)
class EventsServiceHealthTest {
  private static EmbeddedPostgres postgres;
  private static Vertx vertx;
  private static TestApi service;

  @BeforeAll
  static void start(TestEngines.Stack stack) {
    postgres = EmbeddedPostgres.startTransient();
    DatabaseConfig database = postgres.createDatabase("health").withPoolSize(4);
    vertx = Vertx.vertx();
    EventsServiceVerticle verticle = new EventsServiceVerticle(
        new ServiceConfig(0, database, stack.kafka(), new AuthConfig(TestUsers.SECRET, null)));
    vertx.deployVerticle(verticle).await();
    service = new TestApi("http://localhost:" + verticle.port());
  }

  @AfterAll
  static void stop() {
    if (vertx != null) vertx.close().await();
    if (postgres != null) postgres.close();
  }

  @Test
  void readinessFollowsTheDatabaseWhileLivenessStaysUp() throws Exception {
    eventually("ready", () -> assertThat(service.get("/health/ready").send().status()).isEqualTo(200));

    List<Long> server = serverProcesses();
    signal("STOP", server);
    try {
      TestApi.Answer notReady = eventually("not ready with the database frozen", Duration.ofSeconds(10),
          () -> service.get("/health/ready").send(), answer -> answer.status() == 503);
      JsonObject failed = notReady.json().getJsonArray("failed").getJsonObject(0);
      assertThat(notReady.json().getString("status")).isEqualTo("not_ready");
      assertThat(failed.getString("check")).isEqualTo("database");
      assertThat(failed.getString("reason")).startsWith("unreachable");
      assertThat(service.get("/health/live").send().status()).isEqualTo(200);
    } finally {
      signal("CONT", server);
    }

    eventually("ready again once the database answers", Duration.ofSeconds(10),
        () -> assertThat(service.get("/health/ready").send().status()).isEqualTo(200));
    assertThat(service.get("/health/live").send().status()).isEqualTo(200);
  }

  /** This test's server only: its postmaster (found by its port) and the backends it forked. */
  private static List<Long> serverProcesses() {
    String port = "-p " + postgres.config().port();
    ProcessHandle postmaster = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(line -> line.contains("postgres") && line.contains(port)).orElse(false))
        .findFirst().orElseThrow(() -> new AssertionError("no postmaster with " + port));
    List<Long> pids = new ArrayList<>();
    pids.add(postmaster.pid());
    postmaster.descendants().forEach(p -> pids.add(p.pid()));
    return pids;
  }

  private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
  }
}
