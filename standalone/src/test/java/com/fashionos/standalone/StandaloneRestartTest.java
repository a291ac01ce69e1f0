package com.fashionos.standalone;

import static com.fashionos.embedded.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi;
import com.fashionos.embedded.TestApi.Answer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone stack as a newcomer runs it, in its own JVM with {@code --demo}: it comes up with
 * demo data (a budget with an alert included) whose accounts open with the printed password only,
 * keeps every acknowledged write across {@code kill -9}, does not load the demo data twice,
 * projects each change record exactly once, and stops gracefully on SIGTERM.
 */
class StandaloneRestartTest {
  /** The demo password the code once carried, published in the README of earlier versions. */
  private static final String PUBLISHED_DEMO_PASSWORD = "fashionos-demo";
  private static final String SARAH = "sarah@fashionos.demo";

  @TempDir Path dataDir;
  private StandaloneProcess standalone;

  @AfterEach
  void stop() throws InterruptedException {
    if (standalone != null) standalone.close();
  }

  private static Answer signIn(TestApi api, String email, String password) {
    return api.post("/auth/v1/token?grant_type=password")
        .json(new JsonObject().put("email", email).put("password", password)).send();
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillDashNineAndTheDemoDataLoadsOnce() throws Exception {
    // The rate limit is off: the test polls for asynchronous projections without pacing itself.
    standalone = new StandaloneProcess(dataDir, Map.of("RATE_LIMIT_PER_MINUTE", "0"), "--demo");
    TestApi api = standalone.start();
    String password = standalone.printedPassword(SARAH);
    assertThat(password).isNotEqualTo(PUBLISHED_DEMO_PASSWORD).hasSizeGreaterThanOrEqualTo(16);
    assertThat(standalone.printedPassword("marcus@fashionos.demo")).isEqualTo(password);
    Answer published = signIn(api, SARAH, PUBLISHED_DEMO_PASSWORD);
    assertThat(published.status()).as(published.toString()).isEqualTo(400);
    assertThat(published.errorCode()).isEqualTo("invalid_credentials");
    Answer session = signIn(api, SARAH, password);
    assertThat(session.status()).as(session.toString()).isEqualTo(200);
    String sarah = session.json().getString("access_token");

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
    eventually("the budget in the event detail", Duration.ofSeconds(20),
        () -> api.get("/api/v1/events/" + showcase).token(sarah).send().json().getJsonObject("event")
            .getJsonObject("budget").getString("total_actual"),
        "81000.00"::equals);

    Answer created = api.post("/api/v1/events").token(sarah).json(new JsonObject()
        .put("name", "Restart proof").put("type", "pop_up").put("start_date", "2027-09-01T10:00:00Z")).send();
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().getString("event_id");
    assertThat(api.put("/api/v1/events/" + id).token(sarah).json(new JsonObject().put("name", "Restart proof, renamed"))
        .send().status()).isEqualTo(200);

    standalone.kill();
    TestApi restarted = standalone.start();

    // The same data directory keeps the same demo password, and the demo data is not loaded again.
    assertThat(standalone.printedPassword(SARAH)).isEqualTo(password);
    // The signing key lives in the data directory, so the old session is still valid.
    JsonObject event = restarted.get("/api/v1/events/" + id).token(sarah).send().json().getJsonObject("event");
    assertThat(event.getString("name")).isEqualTo("Restart proof, renamed");
    assertThat(restarted.get("/api/v1/events").token(sarah).send().json().getLong("total")).isEqualTo(2);
    assertThat(restarted.get("/api/v1/sponsors").token(sarah).send().json().getLong("total")).isEqualTo(5);

    // Every change record reached the activity projection exactly once, despite the kill.
    List<String> feed = eventually("three activity entries", Duration.ofSeconds(45), () -> {
      Answer answer = restarted.get("/api/v1/events/" + id + "/activity").token(sarah).send();
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      return answer.array("activity").stream().map(e -> ((JsonObject) e).getString("description")).toList();
    }, entries -> entries.size() >= 3);
    assertThat(feed).containsExactly(
        "Sarah Chen updated the event's name",
        "Sarah Chen joined the team as event lead",
        "Sarah Chen created the event 'Restart proof'");

    assertThat(standalone.stop()).as("stopped within 60 s of SIGTERM").isTrue();
    assertThat(standalone.logs()).contains("FashionOS Events is stopping");
  }
}
