package com.fashionos.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestApi.Answer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone stack as a newcomer runs it, in its own JVM: it comes up with demo data (a budget
 * with an alert included), keeps every acknowledged write across {@code kill -9}, does not load the
 * demo data twice, projects each change record exactly once, and stops gracefully on SIGTERM.
 */
class StandaloneRestartTest {
  @TempDir Path dataDir;
  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private TestApi start(int port) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), Standalone.class.getName());
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("FASHIONOS_DATA_DIR", dataDir.toString());
    builder.environment().put("FASHIONOS_LOG_LEVEL", "INFO");
    builder.environment().put("FASHIONOS_ACCESS_LOG_LEVEL", "WARN");
    builder.environment().remove("DATABASE_URL");
    builder.redirectErrorStream(true).redirectOutput(dataDir.resolve("standalone-" + System.nanoTime() + ".log").toFile());
    process = builder.start();
    TestApi api = new TestApi("http://localhost:" + port);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new AssertionError("standalone exited with " + process.exitValue() + logs());
      try {
        if (api.get("/health/ready").send().status() == 200) return api;
      } catch (IllegalStateException notListeningYet) {
        // keep waiting
      }
      Thread.sleep(250);
    }
    throw new AssertionError("standalone was not ready within 120 s" + logs());
  }

  private String logs() throws IOException {
    StringBuilder text = new StringBuilder();
    try (var files = Files.list(dataDir)) {
      for (Path log : files.filter(f -> f.toString().endsWith(".log") && f.getFileName().toString().startsWith("standalone")).toList()) {
        text.append("\n--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
      }
    }
    return text.toString();
  }

  private static String signIn(TestApi api, String email) {
    Answer session = api.post("/auth/v1/token?grant_type=password")
        .json(new JsonObject().put("email", email).put("password", DemoData.PASSWORD)).send();
    assertThat(session.status()).as(session.toString()).isEqualTo(200);
    return session.json().getString("access_token");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillDashNineAndTheDemoDataLoadsOnce() throws Exception {
    int port = freePort();
    TestApi api = start(port);
    String sarah = signIn(api, "sarah@fashionos.demo");
    JsonObject demo = api.get("/api/v1/events").token(sarah).send().json();
    assertThat(demo.getLong("total")).isEqualTo(1);
    assertThat(demo.getJsonArray("events").getJsonObject(0).getString("name")).isEqualTo(DemoData.EVENT_NAME);
    assertThat(api.get("/api/v1/sponsors").token(sarah).send().json().getLong("total")).isEqualTo(5);
    assertThat(api.get("/api/v1/designers").token(sarah).send().json().getLong("total")).isEqualTo(10);
    assertThat(api.get("/api/v1/venues").token(sarah).send().json().getLong("total")).isEqualTo(3);
    // The showcase's production is over budget, and the alert reaches the event detail.
    String showcase = demo.getJsonArray("events").getJsonObject(0).getString("id");
    JsonObject budget = api.get("/api/v1/events/" + showcase + "/budget").token(sarah).send().json();
    assertThat(budget.getString("total_actual")).isEqualTo("81000.00");
    assertThat(budget.getJsonArray("alerts").getJsonObject(0).getString("kind")).isEqualTo("category_over_budget");
    long projected = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!"81000.00".equals(api.get("/api/v1/events/" + showcase).token(sarah).send().json().getJsonObject("event")
        .getJsonObject("budget").getString("total_actual"))) {
      assertThat(System.nanoTime()).as("the budget in the event detail").isLessThan(projected);
      Thread.sleep(500);
    }

    Answer created = api.post("/api/v1/events").token(sarah).json(new JsonObject()
        .put("name", "Restart proof").put("type", "pop_up").put("start_date", "2027-09-01T10:00:00Z")).send();
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().getString("event_id");
    assertThat(api.put("/api/v1/events/" + id).token(sarah).json(new JsonObject().put("name", "Restart proof, renamed"))
        .send().status()).isEqualTo(200);

    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: no shutdown hook runs
    api = start(port);

    // The signing key lives in the data directory, so the old session is still valid.
    JsonObject event = api.get("/api/v1/events/" + id).token(sarah).send().json().getJsonObject("event");
    assertThat(event.getString("name")).isEqualTo("Restart proof, renamed");
    assertThat(api.get("/api/v1/events").token(sarah).send().json().getLong("total")).isEqualTo(2);
    assertThat(api.get("/api/v1/sponsors").token(sarah).send().json().getLong("total")).isEqualTo(5);

    // Every change record reached the activity projection exactly once, despite the kill.
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    java.util.List<String> feed = java.util.List.of();
    while (System.nanoTime() < deadline) {
      Answer answer = api.get("/api/v1/events/" + id + "/activity").token(sarah).send();
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      feed = answer.array("activity").stream().map(e -> ((JsonObject) e).getString("description")).toList();
      if (feed.size() >= 3) break;
      Thread.sleep(1000); // well inside the gateway's 100 requests a minute

    }
    assertThat(feed).containsExactly(
        "Sarah Chen updated the event's name",
        "Sarah Chen joined the team as event lead",
        "Sarah Chen created the event 'Restart proof'");

    process.destroy(); // SIGTERM: graceful
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(logs()).contains("FashionOS Events is stopping");
  }
}
