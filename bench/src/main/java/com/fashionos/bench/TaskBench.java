package com.fashionos.bench;

import com.fashionos.aitasks.BuiltInPlanner;
import com.fashionos.aitasks.PlanRequest;
import com.fashionos.embedded.TestApi;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.Env;
import com.fashionos.standalone.Standalone;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Issue 3's figures, measured on the standalone stack through the gateway, sequentially (latency,
 * not throughput):
 * <ol>
 *   <li>time from {@code POST /api/v1/events} answered to every generated task readable, built-in
 *       planner, over N events;</li>
 *   <li>{@code PUT} task status latency at 150 tasks per event, with M events in the database
 *       (seeded straight into the tasks schema: 150 tasks each), independent tasks;</li>
 *   <li>the same with each event's tasks in 20-deep dependency chains (critical path work).</li>
 * </ol>
 * Arguments: {@code [creations=50] [events=1000,10000] [puts=500]}.
 */
public final class TaskBench {
  private static final int TASKS_PER_EVENT = 150;
  private static final int CHAIN_DEPTH = 20;
  private static final Random RANDOM = new Random(42);

  private TaskBench() {}

  public static void main(String[] args) throws Exception {
    int creations = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int[] sizes = Arrays.stream((args.length > 1 ? args[1] : "1000,10000").split(",")).mapToInt(Integer::parseInt).toArray();
    int puts = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    Path data = Files.createTempDirectory("fashionos-bench");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Standalone standalone = Standalone.start(new Env(Map.of("PORT", Integer.toString(port),
        "FASHIONOS_DATA_DIR", data.toString(), "RATE_LIMIT_PER_MINUTE", "0",
        "OVERDUE_SWEEP_MS", "3600000")));
    try {
      TestApi api = new TestApi("http://localhost:" + port);
      JsonObject session = api.post("/auth/v1/signup").json(new JsonObject().put("email", "bench@example.com")
          .put("password", "bench-password").put("data", new JsonObject().put("full_name", "Bench Planner"))).send().json();
      String token = session.getString("access_token");
      UUID user = UUID.fromString(session.getJsonObject("user").getString("id"));
      System.out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));

      planToReadable(api, token, creations);
      for (int size : sizes) {
        seed(standalone.database(), user, size, false);
        putLatency(api, token, standalone.database(), user, puts, size + " events, independent tasks");
        seed(standalone.database(), user, 0, true);
        putLatency(api, token, standalone.database(), user, puts, size + " events, 20-deep chains");
      }
    } finally {
      standalone.close();
    }
    System.exit(0); // the embedded engines leave non-daemon threads behind
  }

  /** POST answered → every generated task readable through the API. */
  private static void planToReadable(TestApi api, String token, int count) throws InterruptedException {
    List<Double> millis = new ArrayList<>();
    String[] types = {"runway_show", "brand_activation", "pop_up", "trunk_show", "fashion_week", "panel", "launch_party"};
    for (int i = 0; i < count; i++) {
      String type = types[i % types.length];
      OffsetDateTime start = OffsetDateTime.parse("2027-09-20T19:00:00Z");
      JsonObject body = new JsonObject().put("name", "Bench " + i).put("type", type).put("start_date", start.toString())
          .put("target_attendees", 300);
      TestApi.Answer created = api.post("/api/v1/events").token(token).json(body).send();
      long answered = System.nanoTime();
      String eventId = created.json().getString("event_id");
      int expected = new BuiltInPlanner().plan(new PlanRequest(UUID.fromString(eventId), "Bench " + i, type, null, start,
          null, "UTC", 0, 0, 300)).size();
      while (api.get("/api/v1/events/" + eventId + "/tasks").token(token).send().json().getLong("total") < expected) {
        Thread.sleep(5);
      }
      millis.add((System.nanoTime() - answered) / 1e6);
    }
    report("POST /events -> all generated tasks readable (built-in planner), " + count + " events", millis);
  }

  /**
   * Seeds {@code events} events of 150 tasks for the user straight into the tasks schema (the
   * read model and the tasks, as the pipeline would leave them); with {@code chains}, rewires
   * every event's tasks into 20-deep dependency chains instead.
   */
  private static void seed(DatabaseConfig db, UUID user, int events, boolean chains) throws Exception {
    long started = System.nanoTime();
    try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      if (chains) {
        // Within each event, task n depends on task n-1 of its chain.
        run(conn, "WITH linked AS (SELECT id, lag(id) OVER (PARTITION BY event_id ORDER BY id) AS prev,"
            + " row_number() OVER (PARTITION BY event_id ORDER BY id) - 1 AS n FROM tasks.event_tasks WHERE source = 'bench')"
            + " UPDATE tasks.event_tasks t SET dependencies = CASE WHEN l.n % ? = 0 THEN '{}'::uuid[]"
            + " ELSE ARRAY[l.prev] END, status = 'to_do', blocked_by_dependencies = false FROM linked l WHERE t.id = l.id",
            CHAIN_DEPTH);
      } else {
        run(conn, "DELETE FROM tasks.event_tasks WHERE source = 'bench'");
        run(conn, "INSERT INTO tasks.events (id, name, start_date, status, created_by)"
            + " SELECT md5('bench' || g)::uuid, 'Bench event ' || g, now() + interval '120 days', 'planning', ?"
            + " FROM generate_series(1, ?) g ON CONFLICT DO NOTHING", user, events);
        run(conn, "INSERT INTO tasks.event_members (event_id, user_id, role, permissions)"
            + " SELECT md5('bench' || g)::uuid, ?, 'event_lead', 'admin' FROM generate_series(1, ?) g"
            + " ON CONFLICT DO NOTHING", user, events);
        run(conn, "INSERT INTO tasks.event_tasks (event_id, name, phase, priority, deadline, estimated_hours, source)"
            + " SELECT md5('bench' || g)::uuid, 'Bench task ' || t,"
            + " (ARRAY['pre_production','venue_logistics','creative_design','on_site_operations','post_event'])[1 + t % 5]::tasks.task_phase,"
            + " 'medium', now() + make_interval(hours => t), 4, 'bench'"
            + " FROM generate_series(1, ?) g, generate_series(1, ?) t", events, TASKS_PER_EVENT);
      }
      run(conn, "ANALYZE tasks.event_tasks");
    }
    System.out.printf("seeded %s in %.1f s%n", chains ? "20-deep chains" : events + " events x 150 tasks",
        (System.nanoTime() - started) / 1e9);
  }

  private static void run(Connection conn, String sql, Object... args) throws java.sql.SQLException {
    try (PreparedStatement statement = conn.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) statement.setObject(i + 1, args[i]);
      statement.execute();
    }
  }


  /** Random tasks of random seeded events, flipped between in_progress and done. */
  private static void putLatency(TestApi api, String token, DatabaseConfig db, UUID user, int count, String label)
      throws Exception {
    List<String[]> targets = new ArrayList<>();
    try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement pick = conn.prepareStatement("SELECT event_id, id FROM tasks.event_tasks TABLESAMPLE SYSTEM (1)"
             + " WHERE source = 'bench' LIMIT ?")) {
      pick.setInt(1, count);
      try (ResultSet rows = pick.executeQuery()) {
        while (rows.next()) targets.add(new String[] {rows.getString(1), rows.getString(2)});
      }
    }
    for (int i = 0; i < Math.min(20, targets.size()); i++) put(api, token, targets.get(i), "in_progress"); // warm-up
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String[] target = targets.get(RANDOM.nextInt(targets.size()));
      long started = System.nanoTime();
      put(api, token, target, i % 2 == 0 ? "done" : "in_progress");
      millis.add((System.nanoTime() - started) / 1e6);
    }
    report("PUT task status, " + label + ", " + count + " requests", millis);
  }

  private static void put(TestApi api, String token, String[] target, String status) {
    TestApi.Answer answer = api.put("/api/v1/events/" + target[0] + "/tasks/" + target[1]).token(token)
        .json(new JsonObject().put("status", status)).send();
    if (answer.status() != 200) throw new IllegalStateException("PUT failed: " + answer);
  }

  private static void report(String what, List<Double> millis) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, pct(sorted, 50), pct(sorted, 95),
        pct(sorted, 99), sorted[sorted.length - 1]);
  }

  private static double pct(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
