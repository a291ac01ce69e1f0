package com.fashionos.bench;

import com.fashionos.aitasks.BuiltInPlanner;
import com.fashionos.aitasks.PlanRequest;
import com.fashionos.embedded.TestApi;
import com.fashionos.platform.config.Env;
import com.fashionos.standalone.Standalone;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Plans keeping up with a burst of creations (issue 12), on the standalone stack through the
 * gateway: N events created at once by {@code CLIENTS} concurrent clients, then the time from the
 * last 201 until every event's plan is readable ({@code GET …/tasks} total equal to the built-in
 * planner's plan) and every event detail's {@code tasks_summary} is right (generation done, total
 * equal to the plan). Also the change records per created event: records added to each change
 * topic during the run (end offsets, read once the stack is quiet), divided by N.
 * Arguments: {@code [creations=100,1000]}, each on a fresh stack.
 */
public final class PlanBurstBench {
  private static final int CLIENTS = 16;
  private static final String[] TYPES = {"runway_show", "brand_activation", "pop_up", "trunk_show", "fashion_week",
      "panel", "launch_party"};
  private static final OffsetDateTime START = OffsetDateTime.parse("2027-09-20T19:00:00Z");

  private PlanBurstBench() {}

  public static void main(String[] args) throws Exception {
    System.out.printf("machine: %d cores, Java %s, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    for (String n : (args.length > 0 ? args[0] : "100,1000").split(",")) burst(Integer.parseInt(n));
    System.exit(0); // the embedded engines leave non-daemon threads behind
  }

  private static void burst(int count) throws Exception {
    Path data = Files.createTempDirectory("fashionos-plan-burst");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Standalone standalone = Standalone.start(new Env(Map.of("PORT", Integer.toString(port),
        "FASHIONOS_DATA_DIR", data.toString(), "RATE_LIMIT_PER_MINUTE", "0", "OVERDUE_SWEEP_MS", "3600000")));
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      TestApi api = new TestApi("http://localhost:" + port);
      String token = api.post("/auth/v1/signup").json(new JsonObject().put("email", "burst@example.com")
              .put("password", "bench-password").put("data", new JsonObject().put("full_name", "Burst Planner")))
          .send().json().getString("access_token");
      String kafka = "127.0.0.1:" + standalone.internalPorts().get("kafka");
      Map<String, Long> before = topicEnds(kafka);

      Map<String, Integer> expected = new ConcurrentHashMap<>();
      AtomicLong lastCreated = new AtomicLong();
      long started = System.nanoTime();
      List<Future<?>> posts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        posts.add(clients.submit(() -> {
          String type = TYPES[n % TYPES.length];
          TestApi.Answer created = api.post("/api/v1/events").token(token).json(new JsonObject().put("name", "Burst " + n)
              .put("type", type).put("start_date", START.toString()).put("target_attendees", 300)).send();
          if (created.status() != 201) throw new IllegalStateException("create failed: " + created);
          lastCreated.accumulateAndGet(System.nanoTime(), Math::max);
          String eventId = created.json().getString("event_id");
          expected.put(eventId, new BuiltInPlanner().plan(new PlanRequest(UUID.fromString(eventId), "Burst " + n, type,
              null, START, null, "UTC", 0, 0, 300)).size());
          return null;
        }));
      }
      for (Future<?> post : posts) post.get();
      double postSeconds = (lastCreated.get() - started) / 1e9;

      // Each event is checked until it is right, then never again; a round every 500 ms at most, so
      // the polling takes little from the stack it measures. The summary says "done" only once every
      // batch is applied, so the plan is read once the summary is right (again, until it is whole).
      Map<String, Integer> pending = new ConcurrentHashMap<>(expected);
      while (!pending.isEmpty()) {
        long round = System.nanoTime();
        List<Future<?>> checks = new ArrayList<>();
        for (String eventId : List.copyOf(pending.keySet())) {
          checks.add(clients.submit(() -> {
            int planned = expected.get(eventId);
            if (summed(api, token, eventId, planned) && readable(api, token, eventId, planned)) pending.remove(eventId);
          }));
        }
        for (Future<?> check : checks) check.get();
        Thread.sleep(Math.max(0, 500 - (System.nanoTime() - round) / 1_000_000));
      }
      double allRight = (System.nanoTime() - lastCreated.get()) / 1e9;

      Thread.sleep(Duration.ofSeconds(5).toMillis()); // what the plans set off (activity, summaries) settles
      Map<String, Long> after = topicEnds(kafka);
      Map<String, Double> perEvent = new TreeMap<>();
      after.forEach((topic, end) -> perEvent.put(topic, (end - before.getOrDefault(topic, 0L)) / (double) count));
      double total = perEvent.values().stream().mapToDouble(Double::doubleValue).sum();
      System.out.printf("%d creations (%d clients): last 201 after %.1f s (%.0f/s); every plan readable and every"
          + " tasks_summary right %.1f s after the last 201; plans %d-%d tasks%n", count, CLIENTS, postSeconds,
          count / postSeconds, allRight, expected.values().stream().mapToInt(Integer::intValue).min().orElse(0),
          expected.values().stream().mapToInt(Integer::intValue).max().orElse(0));
      System.out.printf("  change records per created event: %.1f in all; %s%n", total, perEvent);
    } finally {
      clients.shutdownNow();
      standalone.close();
    }
  }

  /** Whether the event's whole plan is readable. */
  private static boolean readable(TestApi api, String token, String eventId, int planned) {
    return api.get("/api/v1/events/" + eventId + "/tasks?limit=1").token(token).send().json().getLong("total") == planned;
  }

  /** Whether the event detail's tasks_summary says the plan is done, with all its tasks. */
  private static boolean summed(TestApi api, String token, String eventId, int planned) {
    JsonObject summary = api.get("/api/v1/events/" + eventId).token(token).send().json().getJsonObject("event")
        .getJsonObject("tasks_summary");
    return "done".equals(summary.getJsonObject("generation").getString("status")) && summary.getInteger("total", 0) == planned;
  }

  /** Each change topic's end offsets summed over its partitions. */
  private static Map<String, Long> topicEnds(String bootstrap) {
    Map<String, Long> ends = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.listTopics().forEach((topic, infos) -> {
        if (topic.startsWith("fashionos.") && !topic.contains("presence")) {
          infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
      });
      consumer.endOffsets(partitions).forEach((partition, end) -> ends.merge(partition.topic(), end, Long::sum));
    }
    return ends;
  }
}
