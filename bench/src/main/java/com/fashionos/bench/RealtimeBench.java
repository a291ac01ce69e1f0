package com.fashionos.bench;

import com.fashionos.embedded.TestApi;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.kafka.KafkaClients;
import com.fashionos.standalone.BoundedJvm;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Issue 4's realtime figures: commit-to-frame latency, from the moment a writer's
 * {@code PUT /api/v1/events/{id}} (a rename) is answered to the moment each subscribed WebSocket
 * client receives the {@code change} frame carrying that name, with the Kafka produce-to-consume
 * floor measured at the same time on the same broker.
 *
 * <p>Processes (one machine): this JVM holds the clients, the writer and the Kafka floor probe;
 * {@link RealtimeEngines} holds PostgreSQL, Kafka and S3; the standalone jar runs every service
 * on those engines (API gateway on its port); and the realtime gateway runs a second time alone
 * ({@code com.fashionos.realtime.Main}, as deployed in a cluster) on its own port, so its heap
 * and CPU are its own. Clients connect either to that gateway's own port ({@code direct}) or
 * through the API gateway's WebSocket tunnel to the stack's in-process realtime gateway
 * ({@code api-gateway}).
 *
 * <p>Options ({@code --name=value}): {@code one=1000} connections on one event (0 skips);
 * {@code many=10000} connections over {@code events=1000} events (0 skips); {@code rates=50,500}
 * changes per second; {@code seconds=20} per rate; {@code warmup=10} seconds of unmeasured renames
 * before each scenario's first rate; {@code users=10} signed-up users the connections are spread
 * over (every user is on every event's team); {@code writers=64} renames in flight at most;
 * {@code via=both} ({@code direct}, {@code api-gateway}, or {@code both}: the tunnel only where its
 * three sockets per connection fit the open-files limit); {@code stack-opts} (default: the bound {@code java -jar} gives the stack, {@link BoundedJvm#DEFAULT_OPTIONS}),
 * {@code gateway-opts=-Xmx1g} (JVM flags of the children, space separated);
 * {@code jar=standalone/target/fashionos-standalone.jar}.
 */
public final class RealtimeBench {
  private static final String MARKER = "rtb";
  private static final String FLOOR_TOPIC = "bench-realtime-floor";
  private static final int FLOOR_PARTITIONS = 3;
  private static final int CONNECT_IN_FLIGHT = 100;
  private static final long CLK_TCK = 100;
  private static final PrintStream OUT = System.out;

  private final Map<String, String> options;
  private final Path dir;
  private Process engines;
  private Process stack;
  private Process gateway;
  private JsonObject engineAddresses;
  private int stackPort;
  private int gatewayPort;
  private final List<String[]> users = new ArrayList<>(); // id, token
  private final List<String> summary = new ArrayList<>();

  private Vertx clientVertx;
  private WebSocketClient wsClient;
  private Vertx writerVertx;
  private HttpClientAgent writerHttp;
  private Context writerContext;
  private Floor floor;

  // What every client saw, across all clients.
  private final LongAdder messages = new LongAdder();
  private final LongAdder otherChanges = new LongAdder();
  private final LongAdder presenceFrames = new LongAdder();
  private final LongAdder resyncs = new LongAdder();
  private final LongAdder closes = new LongAdder();
  private final LongAdder subscribeRetries = new LongAdder();
  /** The other change frames by record type and table. */
  private final Map<String, LongAdder> otherKinds = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Receipts> receipts = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Receipts> myReceipts = ThreadLocal.withInitial(() -> {
    Receipts r = new Receipts();
    receipts.add(r);
    return r;
  });

  private RealtimeBench(Map<String, String> options, Path dir) {
    this.options = options;
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("one", "1000");
    options.put("many", "10000");
    options.put("events", "1000");
    options.put("rates", "50,500");
    options.put("seconds", "20");
    options.put("users", "10");
    options.put("writers", "64");
    options.put("warmup", "10");
    options.put("drain", "30");
    options.put("profile", "false");
    options.put("via", "both");
    // The bound java -jar gives the stack by default (given here: the bench measures that JVM itself).
    options.put("stack-opts", String.join(" ", BoundedJvm.DEFAULT_OPTIONS));
    options.put("gateway-opts", "-Xmx1g");
    options.put("jar", "standalone/target/fashionos-standalone.jar");
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) throw new IllegalArgumentException("Options are --name=value: " + arg);
      String name = arg.substring(2, arg.indexOf('='));
      if (!options.containsKey(name)) throw new IllegalArgumentException("Unknown option " + name + "; known: " + options.keySet());
      options.put(name, arg.substring(arg.indexOf('=') + 1));
    }
    // A tunnel refused by the API gateway logs one warning per pooled connection; the bench counts them itself.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.vertx.core.http.impl"))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
    Path dir = Files.createTempDirectory("fashionos-realtime-bench");
    RealtimeBench bench = new RealtimeBench(options, dir);
    Runtime.getRuntime().addShutdownHook(new Thread(bench::stopChildren));
    int status = 0;
    try {
      bench.run();
    } catch (Throwable e) {
      e.printStackTrace();
      status = 1;
    } finally {
      bench.stopChildren();
      bench.cleanUp();
    }
    System.exit(status); // Vert.x and Kafka clients leave non-daemon threads behind
  }

  private int opt(String name) {
    return Integer.parseInt(options.get(name));
  }

  // ------------------------------------------------------------------------------------------
  // The run
  // ------------------------------------------------------------------------------------------

  private void run() throws Exception {
    long began = System.nanoTime();
    OUT.printf("realtime bench %s, options %s, logs in %s%n", OffsetDateTime.now(), options, dir);
    OUT.printf("machine: %d cores, %.1f GiB, Java %s (%s), open files limit %s%n",
        Runtime.getRuntime().availableProcessors(), totalMemoryGiB(), System.getProperty("java.version"),
        String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()),
        readLimit());
    CpuSnapshot idleStart = CpuSnapshot.machine();
    Thread.sleep(3000);
    double busy = CpuSnapshot.machine().machinePercent(idleStart);
    OUT.printf("machine busy before starting: %.0f%% of %d cores over 3 s%s%n", busy,
        Runtime.getRuntime().availableProcessors(), busy > 30 ? " (other work is running: the figures will be pessimistic)" : "");
    startChildren();
    TestApi api = new TestApi("http://127.0.0.1:" + stackPort);
    signUp(api);
    String oneEvent = createEvent(api);
    List<String> manyEvents = opt("many") > 0 ? seedEvents(opt("events")) : List.of();

    clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    wsClient = clientVertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
        .setMaxMessageSize(16 * 1024 * 1024).setConnectTimeout(30_000));
    writerVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    writerHttp = writerVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(120),
        new PoolOptions().setHttp1MaxSize(256));
    writerContext = writerVertx.getOrCreateContext();
    floor = new Floor(engineAddresses.getString("kafka"));

    String via = options.get("via");
    long fdLimit = readLimit();
    for (int round = 0; round < 2; round++) {
      int connections = round == 0 ? opt("one") : opt("many");
      if (connections <= 0) continue;
      List<String> events = round == 0 ? List.of(oneEvent) : manyEvents;
      String label = round == 0 ? "1 event" : events.size() + " events";
      if (!via.equals("api-gateway")) {
        runScenario(label, events, connections, gatewayPort, "direct", gateway);
      }
      boolean tunnelFits = 3L * connections + 2_000 < fdLimit;
      if (via.equals("api-gateway") || via.equals("both") && tunnelFits) {
        runScenario(label, events, connections, stackPort, "api-gateway", stack);
      } else if (via.equals("both")) {
        OUT.printf("Skipping %d connections through the api-gateway: 3 sockets per connection in the stack's JVM"
            + " would pass the open-files limit (%d)%n", connections, fdLimit);
      }
    }
    OUT.println();
    OUT.println("| path | connections (held) | events | rate target / achieved | frames expected / received | "
        + "commit→frame p50 / p95 / p99 / max | Kafka floor p50 / p95 / p99 / max | answer→Kafka p50 / p99 | "
        + "Kafka→frame p50 / p99 | gateway heap live / max | gateway CPU | machine CPU | PUT p50 / p99 |");
    OUT.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    summary.forEach(OUT::println);
    OUT.printf("%nTotal time %.0f s%n", (System.nanoTime() - began) / 1e9);
  }

  // ------------------------------------------------------------------------------------------
  // Processes
  // ------------------------------------------------------------------------------------------

  private void startChildren() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath = System.getProperty("java.class.path");
    Path built = Path.of(options.get("jar")).toAbsolutePath();
    if (!Files.exists(built)) throw new IllegalStateException("No " + built + ": build with mvn install -DskipTests");
    // A copy: a rebuild during the run must not change the jar under the running children.
    Path jar = Files.copy(built, dir.resolve("fashionos-standalone.jar"));

    // Engines: their own JVM, addresses on stdout.
    ProcessBuilder enginesBuilder = new ProcessBuilder(java, "-Xmx1g", "-cp", classpath,
        RealtimeEngines.class.getName(), dir.resolve("engines").toString());
    cleanEnv(enginesBuilder.environment());
    enginesBuilder.redirectErrorStream(true);
    long t = System.nanoTime();
    engines = enginesBuilder.start();
    engineAddresses = awaitEngines(engines, dir.resolve("engines.log"));
    OUT.printf("engines up in %.1f s: kafka %s, %s%n", (System.nanoTime() - t) / 1e9, engineAddresses.getString("kafka"),
        engineAddresses.getString("jdbc_url"));

    byte[] key = new byte[48];
    new SecureRandom().nextBytes(key);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    stackPort = freePort();
    gatewayPort = freePort();

    List<String> stackCommand = new ArrayList<>(List.of(java));
    stackCommand.addAll(flags("stack-opts"));
    stackCommand.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder stackBuilder = new ProcessBuilder(stackCommand);
    Map<String, String> env = stackBuilder.environment();
    cleanEnv(env);
    env.put("PORT", Integer.toString(stackPort));
    env.put("FASHIONOS_DATA_DIR", dir.resolve("stack").toString());
    env.put("RATE_LIMIT_PER_MINUTE", "0");
    // Every client socket comes from this one address.
    env.put("WEBSOCKET_UPGRADES_PER_MINUTE", "0");
    env.put("OVERDUE_SWEEP_MS", "3600000");
    env.put("JWT_SECRET", secret);
    env.put("DATABASE_URL", engineAddresses.getString("database_url"));
    env.put("KAFKA_BOOTSTRAP_SERVERS", engineAddresses.getString("kafka"));
    env.put("KAFKA_PARTITIONS", "3");
    env.put("KAFKA_REPLICATION_FACTOR", "1");
    env.put("S3_ENDPOINT", engineAddresses.getString("s3_endpoint"));
    env.put("S3_ACCESS_KEY", engineAddresses.getString("s3_access_key"));
    env.put("S3_SECRET_KEY", engineAddresses.getString("s3_secret_key"));
    env.put("S3_REGION", engineAddresses.getString("s3_region"));
    stackBuilder.redirectErrorStream(true).redirectOutput(dir.resolve("stack.log").toFile());
    t = System.nanoTime();
    stack = stackBuilder.start();
    awaitReady(stack, stackPort, Duration.ofMinutes(4), "stack");
    OUT.printf("stack (%s) ready in %.1f s on port %d, pid %d%n", String.join(" ", stackCommand.subList(1, stackCommand.size())),
        (System.nanoTime() - t) / 1e9, stackPort, stack.pid());

    List<String> gatewayCommand = new ArrayList<>(List.of(java));
    gatewayCommand.addAll(flags("gateway-opts"));
    gatewayCommand.addAll(List.of("-cp", jar.toString(), "com.fashionos.realtime.Main"));
    ProcessBuilder gatewayBuilder = new ProcessBuilder(gatewayCommand);
    env = gatewayBuilder.environment();
    cleanEnv(env);
    env.put("PORT", Integer.toString(gatewayPort));
    env.put("JWT_SECRET", secret);
    env.put("KAFKA_BOOTSTRAP_SERVERS", engineAddresses.getString("kafka"));
    env.put("KAFKA_PARTITIONS", "3");
    env.put("KAFKA_REPLICATION_FACTOR", "1");
    // The access check at subscribe goes to events-service through the API gateway (the
    // standalone stack does not publish events-service's internal port).
    env.put("EVENTS_SERVICE_URL", "http://127.0.0.1:" + stackPort);
    gatewayBuilder.redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile());
    t = System.nanoTime();
    gateway = gatewayBuilder.start();
    awaitReady(gateway, gatewayPort, Duration.ofMinutes(2), "realtime gateway");
    OUT.printf("realtime gateway (%s) ready in %.1f s on port %d, pid %d%n",
        String.join(" ", gatewayCommand.subList(1, gatewayCommand.size())), (System.nanoTime() - t) / 1e9, gatewayPort,
        gateway.pid());
  }

  private List<String> flags(String option) {
    String text = options.get(option).trim();
    return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
  }

  /** Settings of the caller's shell that would point the children elsewhere. */
  private static void cleanEnv(Map<String, String> env) {
    env.keySet().removeIf(name -> name.startsWith("KAFKA_") || name.startsWith("DATABASE_") || name.startsWith("S3_")
        || name.startsWith("GEMINI_") || name.equals("JWKS_URL") || name.equals("JWT_SECRET") || name.equals("PORT")
        || name.startsWith("FASHIONOS_") || name.equals("EVENTS_SERVICE_URL") || name.startsWith("JAVA_TOOL_OPTIONS"));
  }

  private static JsonObject awaitEngines(Process process, Path log) throws Exception {
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    OutputStream file = Files.newOutputStream(log);
    CompletableFuture<JsonObject> found = new CompletableFuture<>();
    Thread copier = new Thread(() -> {
      try (file) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.startsWith("ENGINES ")) found.complete(new JsonObject(line.substring(8)));
          file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          file.flush();
        }
      } catch (IOException e) {
        // The process ended.
      }
      found.completeExceptionally(new IllegalStateException("The engines process ended; see " + log));
    }, "engines-log");
    copier.setDaemon(true);
    copier.start();
    return found.get(4, TimeUnit.MINUTES);
  }

  private static void awaitReady(Process process, int port, Duration within, String what) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException(what + " exited with " + process.exitValue());
      try {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) return;
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(what + " not ready within " + within);
  }

  /** Keeps the logs and profiles; drops the engines' data and the jar copy. */
  private void cleanUp() {
    for (String name : List.of("engines", "stack", "fashionos-standalone.jar")) {
      Path path = dir.resolve(name);
      if (!Files.exists(path)) continue;
      try (var walk = Files.walk(path)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        OUT.println("(could not remove " + path + ": " + e + ")");
      }
    }
  }

  private void stopChildren() {
    if (floor != null) floor.close();
    // Services first (they flush to the engines), then the engines through their stdin.
    for (Process p : Arrays.asList(gateway, stack)) {
      if (p != null && p.isAlive()) p.destroy();
    }
    for (Process p : Arrays.asList(gateway, stack)) {
      try {
        if (p != null && !p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (engines != null && engines.isAlive()) {
      try {
        engines.getOutputStream().close();
        if (!engines.waitFor(60, TimeUnit.SECONDS)) engines.destroyForcibly();
      } catch (IOException | InterruptedException e) {
        engines.destroyForcibly();
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Data: users, the one big event, the many small ones
  // ------------------------------------------------------------------------------------------

  private void signUp(TestApi api) {
    long t = System.nanoTime();
    for (int i = 0; i < opt("users"); i++) {
      TestApi.Answer answer = api.post("/auth/v1/signup").json(new JsonObject().put("email", "rtbench" + i + "@example.com")
          .put("password", "bench-password-" + i).put("data", new JsonObject().put("full_name", "Bench Viewer " + i))).send();
      if (answer.status() != 200 && answer.status() != 201) throw new IllegalStateException("signup: " + answer);
      JsonObject session = answer.json();
      String token = session.getString("access_token");
      users.add(new String[] {session.getJsonObject("user").getString("id"), token});
      // The first request creates the user's profile in events-service (team rows refer to it).
      TestApi.Answer list = api.get("/api/v1/events").token(token).send();
      if (list.status() != 200) throw new IllegalStateException("list events: " + list);
    }
    OUT.printf("%d users signed up in %.1f s%n", users.size(), (System.nanoTime() - t) / 1e9);
  }

  /** The event of the one-event scenario, through the API: user 0 leads, the others are on its team. */
  private String createEvent(TestApi api) throws InterruptedException {
    JsonArray team = new JsonArray();
    for (int i = 1; i < users.size(); i++) {
      team.add(new JsonObject().put("user_id", users.get(i)[0]).put("role", "production_manager")
          .put("permissions", "view_only"));
    }
    TestApi.Answer created = api.post("/api/v1/events").token(users.get(0)[1]).json(new JsonObject()
        .put("name", "Realtime bench show").put("type", "runway_show").put("start_date", "2027-09-20T19:00:00Z")
        .put("target_attendees", 300).put("team_members", team)).send();
    if (created.status() != 201) throw new IllegalStateException("create event: " + created);
    String id = created.json().getString("event_id");
    // Let the generated plan land so its frames are not part of the measurement.
    long last = -1;
    for (int i = 0; i < 60; i++) {
      Thread.sleep(1000);
      long total = api.get("/api/v1/events/" + id + "/tasks").token(users.get(0)[1]).send().json().getLong("total");
      if (total > 0 && total == last) break;
      last = total;
    }
    OUT.printf("event %s created through the API with %d teammates and its task plan (%d tasks)%n", id,
        users.size(), last);
    return id;
  }

  /**
   * The many-event scenario's events, seeded straight into events-service's schema (as the API
   * would leave them, without generated tasks): user 0 leads each, the others are on every team.
   */
  private List<String> seedEvents(int count) throws Exception {
    long t = System.nanoTime();
    List<String> ids = new ArrayList<>();
    Properties props = new Properties();
    props.put("user", engineAddresses.getString("db_user"));
    props.put("password", engineAddresses.getString("db_password"));
    try (Connection conn = DriverManager.getConnection(engineAddresses.getString("jdbc_url"), props)) {
      UUID lead = UUID.fromString(users.get(0)[0]);
      try (PreparedStatement insert = conn.prepareStatement("INSERT INTO events.events (id, name, type, start_date, status,"
          + " created_by) SELECT md5('rtbench' || g)::uuid, 'Realtime bench event ' || g, 'runway_show',"
          + " now() + interval '120 days', 'planning', ? FROM generate_series(1, ?) g ON CONFLICT DO NOTHING")) {
        insert.setObject(1, lead);
        insert.setInt(2, count);
        insert.execute();
      }
      UUID[] members = users.stream().map(u -> UUID.fromString(u[0])).toArray(UUID[]::new);
      try (PreparedStatement team = conn.prepareStatement("INSERT INTO events.event_team (event_id, user_id, role, permissions)"
          + " SELECT md5('rtbench' || g)::uuid, u.id,"
          + " (CASE WHEN u.id = ? THEN 'event_lead' ELSE 'production_manager' END)::events.team_role,"
          + " (CASE WHEN u.id = ? THEN 'admin' ELSE 'view_only' END)::events.team_permission"
          + " FROM generate_series(1, ?) g, unnest(?) u(id) ON CONFLICT DO NOTHING")) {
        team.setObject(1, lead);
        team.setObject(2, lead);
        team.setInt(3, count);
        team.setArray(4, conn.createArrayOf("uuid", members));
        team.execute();
      }
      try (PreparedStatement analyze = conn.prepareStatement("ANALYZE events.events, events.event_team")) {
        analyze.execute();
      }
      try (PreparedStatement select = conn.prepareStatement("SELECT md5('rtbench' || g)::uuid FROM generate_series(1, ?) g")) {
        select.setInt(1, count);
        try (var rows = select.executeQuery()) {
          while (rows.next()) ids.add(rows.getString(1));
        }
      }
    }
    OUT.printf("%d events seeded (each with the %d users on its team) in %.1f s%n", count, users.size(),
        (System.nanoTime() - t) / 1e9);
    return ids;
  }

  // ------------------------------------------------------------------------------------------
  // One scenario: connect, measure at each rate, disconnect
  // ------------------------------------------------------------------------------------------

  /** A client socket. */
  private final class Client {
    final int event;
    final String token;
    ClientWebSocket ws;
    volatile boolean connected;
    volatile boolean closed;
    int retries;
    volatile boolean subscribed;
    volatile boolean lost;
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    String eventId;

    Client(int event, String eventId, String token) {
      this.event = event;
      this.eventId = eventId;
      this.token = token;
    }

    void onText(String text) {
      long now = System.nanoTime();
      messages.increment();
      if (text.startsWith("{\"type\":\"change\"")) {
        long marker = marker(text);
        if (marker >= 0) {
          myReceipts.get().add(marker, now);
        } else {
          otherChanges.increment();
          otherKinds.computeIfAbsent(kind(text), k -> new LongAdder()).increment();
        }
      } else if (text.startsWith("{\"type\":\"presence\"")) {
        presenceFrames.increment();
      } else if (text.startsWith("{\"type\":\"authenticated\"")) {
        ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("event_id", eventId).encode());
      } else if (text.startsWith("{\"type\":\"subscribed\"")) {
        subscribed = true;
        ready.complete(true);
      } else if (text.startsWith("{\"type\":\"resync_required\"")) {
        resyncs.increment();
        lost = true;
      } else if (text.startsWith("{\"type\":\"error\"")) {
        if (!subscribed && text.contains("\"code\":\"unavailable\"") && retries < 5) {
          // The access check timed out (events-service busy): a real client tries again.
          retries++;
          subscribeRetries.increment();
          clientVertx.setTimer(1000 + (long) (Math.random() * 1000), id -> ws.writeTextMessage(
              new JsonObject().put("type", "subscribe").put("event_id", eventId).encode()));
        } else if (!subscribed) {
          OUT.println("subscribe refused: " + text);
          ready.complete(false);
        } else {
          lost = true;
        }
      }
    }
  }

  /**
   * The write a change frame (or change record) reports, as {@code phase << 32 | index}, read from
   * a {@code "name":"rtb<phase>-<index>"} between {@code "new":} and {@code "old":} (the frame
   * keeps the record's key order, and jsonb sorts {@code new} before {@code old}); -1 for any
   * other frame.
   */
  static long marker(String text) {
    int newAt = text.indexOf("\"new\":");
    if (newAt < 0) return -1;
    int oldAt = text.indexOf("\"old\":", newAt);
    int at = newAt;
    while (true) {
      at = text.indexOf("\"name\":", at + 1);
      if (at < 0 || oldAt >= 0 && at > oldAt) return -1;
      int i = at + 7;
      while (i < text.length() && text.charAt(i) == ' ') i++; // PostgreSQL's jsonb text puts a space there
      if (!text.startsWith("\"" + MARKER, i)) continue;
      i += 1 + MARKER.length();
      long phase = 0;
      while (i < text.length() && Character.isDigit(text.charAt(i))) phase = phase * 10 + (text.charAt(i++) - '0');
      if (i >= text.length() || text.charAt(i++) != '-') return -1;
      long index = 0;
      int digits = 0;
      while (i < text.length() && Character.isDigit(text.charAt(i))) {
        index = index * 10 + (text.charAt(i++) - '0');
        digits++;
      }
      if (digits == 0 || i >= text.length() || text.charAt(i) != '"') return -1;
      return phase << 32 | index;
    }
  }

  /** A change frame's record type and table, e.g. {@code com.fashionos.events.activity_logs.changed.v1/activity_logs}. */
  static String kind(String text) {
    return field(text, "record_type") + "/" + field(text, "table");
  }

  private static String field(String text, String name) {
    int at = text.indexOf("\"" + name + "\":\"");
    if (at < 0) return "-";
    int from = at + name.length() + 4;
    int to = text.indexOf('"', from);
    return to < 0 ? "-" : text.substring(from, to);
  }

  private int phaseCounter;

  private void runScenario(String label, List<String> events, int connections, int port, String path, Process server)
      throws Exception {
    OUT.printf("%n=== %d connections on %s, via %s (port %d) ===%n", connections, label, path, port);
    long pid = server.pid();
    String serverName = path.equals("direct") ? "realtime gateway JVM" : "stack JVM (all services; realtime gateway in it)";
    Metrics before = Metrics.read(port, pid, true);
    OUT.printf("%s before connecting: live heap %.0f MiB, RSS %.0f MiB%n", serverName, before.heapMiB, before.rssMiB);

    int[] perEvent = new int[events.size()];
    List<Client> clients = new ArrayList<>();
    long t = System.nanoTime();
    Semaphore inFlight = new Semaphore(CONNECT_IN_FLIGHT);
    AtomicInteger failed = new AtomicInteger();
    int given = connections;
    for (int i = 0; i < connections; i++) {
      if (failed.get() >= 10) {
        OUT.printf("giving up after %d failed connections (%d attempted)%n", failed.get(), i);
        given = i;
        break;
      }
      int event = i % events.size();
      String[] user = users.get((i / events.size()) % users.size());
      Client client = new Client(event, events.get(event), user[1]);
      clients.add(client);
      inFlight.acquire();
      client.ready.whenComplete((ok, e) -> {
        inFlight.release();
        if (e != null || !ok) failed.incrementAndGet();
      });
      ClientWebSocket ws = wsClient.webSocket();
      client.ws = ws;
      // Raw frame data, decoded as Latin-1 (a byte copy): the client must cost as little as possible,
      // and everything it looks for is ASCII.
      ws.handler(data -> client.onText(data.toString(StandardCharsets.ISO_8859_1)));
      ws.closeHandler(v -> {
        client.closed = true;
        closes.increment();
        client.lost = true;
        client.ready.complete(false);
      });
      ws.exceptionHandler(e -> client.ready.complete(false));
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/realtime/v1")
          .putHeader("Authorization", "Bearer " + user[1]))
          .onSuccess(socket -> client.connected = true)
          .onFailure(e -> {
            if (failed.get() < 5) OUT.println("connect failed: " + e);
            client.ready.complete(false);
          });
      clientVertx.setTimer(60_000, id -> client.ready.complete(false));
    }
    inFlight.acquire(CONNECT_IN_FLIGHT);
    inFlight.release(CONNECT_IN_FLIGHT);
    double connectSeconds = (System.nanoTime() - t) / 1e9;
    for (Client client : clients) if (client.subscribed) perEvent[client.event]++;
    int held = (int) clients.stream().filter(c -> c.subscribed).count();
    OUT.printf("%d of %d connected and subscribed in %.1f s (%.0f/s), %d failed, %d subscribes retried after"
            + " 'unavailable' (the access check timed out)%n", held, given, connectSeconds, held / connectSeconds,
        failed.get(), subscribeRetries.sumThenReset());
    awaitQuiet(Duration.ofSeconds(90));
    Metrics connected = Metrics.read(port, pid, true);
    OUT.printf("after connecting: %s holds %.0f WebSockets, live heap %.0f MiB (+%.1f KiB per connection), RSS %.0f MiB;"
            + " presence frames so far %d%n", serverName, connected.webSockets, connected.heapMiB,
        (connected.heapMiB - before.heapMiB) * 1024 / Math.max(1, held), connected.rssMiB, presenceFrames.sum());

    // Java thread names by native id, for the busiest threads (/proc cuts names at 15 characters).
    Map<Long, String> threadNames = CpuSnapshot.threadNames(pid);
    if (opt("warmup") > 0) {
      // Not measured: the JIT compiles the paths that the first phase would otherwise pay for.
      int rate = Math.max(10, Integer.parseInt(options.get("rates").split(",")[0].trim()));
      Writes warmup = new Writes(++phaseCounter, rate * opt("warmup"));
      warmup.run(events, rate, Duration.ofSeconds(opt("warmup")));
      warmup.awaitAnswers(Duration.ofSeconds(60));
      awaitQuiet(Duration.ofSeconds(30));
      OUT.printf("warm-up: %d renames at %d/s, not measured%n", warmup.count, rate);
    }
    for (String rateText : options.get("rates").split(",")) {
      int rate = Integer.parseInt(rateText.trim());
      runPhase(label, events, clients, perEvent, rate, port, pid, path, serverName, connected, threadNames);
    }

    t = System.nanoTime();
    long open = 0;
    long closesBefore = closes.sum();
    for (Client client : clients) {
      if (client.connected && !client.closed) {
        open++;
        client.ws.close();
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (closes.sum() - closesBefore < open && System.nanoTime() < deadline) Thread.sleep(100);
    OUT.printf("closed %d connections in %.1f s%n", closes.sum() - closesBefore, (System.nanoTime() - t) / 1e9);
    Thread.sleep(2000);
  }

  /** Waits until no client has received anything for a second (the presence storm of connecting is over). */
  private void awaitQuiet(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      long now = messages.sum();
      if (now == last) return;
      last = now;
      Thread.sleep(1000);
    }
    OUT.println("(clients still receiving after " + within.toSeconds() + " s; measuring anyway)");
  }

  private void runPhase(String label, List<String> events, List<Client> clients, int[] perEvent, int rate, int port,
      long pid, String path, String serverName, Metrics connected, Map<Long, String> threadNames) throws Exception {
    // The previous phase's backlog (e.g. activity frames) must not land in this one.
    awaitQuiet(Duration.ofSeconds(60));
    int phase = ++phaseCounter;
    int seconds = opt("seconds");
    for (Receipts r : receipts) r.drain(); // anything late from before
    long resyncsBefore = resyncs.sum();
    long closesBefore = closes.sum();
    long otherBefore = otherChanges.sum();
    long presenceBefore = presenceFrames.sum();
    long messagesBefore = messages.sum();
    otherKinds.clear();
    int heldAtStart = (int) clients.stream().filter(c -> c.subscribed && !c.lost).count();
    int[] live = new int[perEvent.length];
    for (Client c : clients) if (c.subscribed && !c.lost) live[c.event]++;

    Floor.Run floorRun = floor.start(phase, rate, seconds);
    HeapSampler sampler = new HeapSampler(port);
    sampler.start();
    Path recording = dir.resolve("phase-" + phase + ".jfr");
    boolean profile = Boolean.parseBoolean(options.get("profile"));
    if (profile) jcmd(pid, "JFR.start name=rtb settings=profile filename=" + recording);
    CpuSnapshot cpuStart = CpuSnapshot.take(pid, stack.pid(), engines.pid(), dir.toString(), threadNames);
    Writes writes = new Writes(phase, rate * seconds);
    floor.probe(phase, writes.visibleAt);
    long started = System.nanoTime();
    writes.run(events, rate, Duration.ofSeconds(seconds));
    long writesEnded = System.nanoTime();
    CpuSnapshot cpuEnd = CpuSnapshot.take(pid, stack.pid(), engines.pid(), dir.toString(), threadNames);
    if (profile) jcmd(pid, "JFR.stop name=rtb");
    int sent = writes.count;
    double achievedRate = sent / ((writesEnded - started) / 1e9);
    long[] sentAt = writes.sentAt;
    AtomicLongArray answeredAt = writes.answeredAt;
    boolean[] accepted = writes.accepted;

    // Every answer, then every frame, or no progress for 5 s, or the drain limit.
    writes.awaitAnswers(Duration.ofSeconds(60));
    long expected = 0;
    int acceptedCount = 0;
    for (int i = 0; i < sent; i++) {
      if (accepted[i] && answeredAt.get(i) > 0) {
        acceptedCount++;
        expected += live[i % events.size()];
      }
    }
    long lastCount = -1;
    long lastChange = System.nanoTime();
    long deadline = writesEnded + TimeUnit.SECONDS.toNanos(opt("drain"));
    boolean drained = false;
    while (System.nanoTime() < deadline) {
      long count = receipts.stream().mapToLong(Receipts::size).sum();
      if (count >= expected) {
        drained = true;
        break;
      }
      if (count != lastCount) {
        lastCount = count;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(5)) {
        break;
      }
      Thread.sleep(50);
    }
    long measuredEnd = System.nanoTime();
    double drainSeconds = (measuredEnd - writesEnded) / 1e9;
    double deliveredPerSecond = (messages.sum() - messagesBefore) / ((measuredEnd - started) / 1e9);
    sampler.stop();
    double[] floorLatency = floorRun.await();

    // Join frames with answers.
    List<long[]> all = new ArrayList<>();
    for (Receipts r : receipts) all.add(r.drain());
    long received = 0;
    long stale = 0;
    long beforeAnswer = 0;
    int n = 0;
    for (long[] pairs : all) n += pairs.length / 2;
    double[] latency = new double[n];
    double[] fromKafka = new double[n];
    int k = 0;
    int f = 0;
    for (long[] pairs : all) {
      for (int j = 0; j < pairs.length; j += 2) {
        long marker = pairs[j];
        int index = (int) (marker & 0xffffffffL);
        if ((marker >>> 32) != phase || index >= sent || answeredAt.get(index) == 0 || !accepted[index]) {
          stale++;
          continue;
        }
        received++;
        long visible = writes.visibleAt.get(index);
        if (visible > 0) fromKafka[f++] = (pairs[j + 1] - visible) / 1e6;
        double ms = (pairs[j + 1] - answeredAt.get(index)) / 1e6;
        if (ms < 0) beforeAnswer++;
        latency[k++] = ms;
      }
    }
    latency = Arrays.copyOf(latency, k);
    Arrays.sort(latency);
    fromKafka = Arrays.copyOf(fromKafka, f);
    Arrays.sort(fromKafka);
    double[] toKafka = new double[sent];
    int v = 0;
    for (int i = 0; i < sent; i++) {
      if (accepted[i] && answeredAt.get(i) > 0 && writes.visibleAt.get(i) > 0) {
        toKafka[v++] = (writes.visibleAt.get(i) - answeredAt.get(i)) / 1e6;
      }
    }
    toKafka = Arrays.copyOf(toKafka, v);
    Arrays.sort(toKafka);
    // Frames not delivered within the drain window count as later than any delivered one.
    long missing = Math.max(0, expected - received);
    double[] withMissing = Arrays.copyOf(latency, (int) Math.min(Integer.MAX_VALUE - 8, latency.length + missing));
    Arrays.fill(withMissing, latency.length, withMissing.length, Double.POSITIVE_INFINITY);
    double[] put = new double[sent];
    int p = 0;
    for (int i = 0; i < sent; i++) if (answeredAt.get(i) > 0) put[p++] = (answeredAt.get(i) - sentAt[i]) / 1e6;
    put = Arrays.copyOf(put, p);
    Arrays.sort(put);

    double wall = (cpuEnd.nanos - cpuStart.nanos) / 1e9;
    double gatewayCpu = cpuEnd.percentOfCore(cpuStart, "server", wall);
    double machineCpu = cpuEnd.machinePercent(cpuStart);
    long heldAtEnd = clients.stream().filter(c -> c.subscribed && !c.lost).count();

    OUT.printf("%n--- %d/s for %d s, %d connections on %s, via %s (%s) ---%n", rate, seconds, heldAtStart, label, path,
        java.time.LocalTime.now().withNano(0));
    OUT.printf("writes: %d sent at %.1f/s, %d answered 200 with the name applied (the others lost to a later write,"
            + " last writer wins), %d failed; PUT latency %s%n", sent, achievedRate, acceptedCount, writes.failures.get(),
        stats(put));
    OUT.printf("frames: expected %d, received %d (%.2f%%)%s, %d before the writer had its answer, %d stale; other change"
            + " frames %d, presence %d, resync_required %d, closes %d; %.0f messages/s reached the clients%n", expected,
        received, expected == 0 ? 0 : 100.0 * received / expected,
        drained ? String.format(Locale.ROOT, " within %.1f s of the last write", drainSeconds)
            : String.format(Locale.ROOT, ", NOT DRAINED %.0f s after the last write", drainSeconds),
        beforeAnswer, stale, otherChanges.sum() - otherBefore, presenceFrames.sum() - presenceBefore,
        resyncs.sum() - resyncsBefore, closes.sum() - closesBefore, deliveredPerSecond);
    OUT.printf("other change frames by record type/table: %s%n", otherKinds.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue().sum()).sorted().reduce((a, b) -> a + ", " + b).orElse("none"));
    OUT.printf("commit-to-frame: %s%n", stats(withMissing));
    OUT.printf("  of which answer -> record readable on the events topic (outbox relay, broker): %s%n", stats(toKafka));
    OUT.printf("  and record readable -> frame at the client (gateway, sockets, client): %s%n", stats(fromKafka));
    OUT.printf("Kafka produce-to-consume floor (%d records at %d/s, same broker, same time): %s%n",
        floorLatency.length, rate, stats(floorLatency));
    OUT.printf("%s: CPU %.0f%% of one core over the writing window (%.0f s); heap max %.0f MiB while writing"
            + " (live after connecting %.0f MiB), GC %.0f ms in %d pauses; WebSockets held %.0f%n", serverName, gatewayCpu,
        wall, sampler.maxHeapMiB, connected.heapMiB, sampler.gcMillis(), sampler.gcPauses(), sampler.lastWebSockets);
    OUT.printf("CPU %% of one core over the writing window: %s; machine %.0f%% of %d cores%n",
        cpuEnd.describe(cpuStart, wall), machineCpu, Runtime.getRuntime().availableProcessors());
    OUT.printf("busiest threads of the %s (on a CPU / runnable but waiting for one): %s%n", serverName,
        cpuEnd.topThreads(cpuStart, wall, 4));
    if (profile) OUT.println(Profile.summarize(recording));
    summary.add(String.format(Locale.ROOT,
        "| %s | %d (%d) | %s | %d / %.0f /s | %d / %d | %s | %s | %s | %s | %.0f / %.0f MiB | %.0f%% | %.0f%% | %s |",
        path, heldAtStart, heldAtEnd, label.replace(" events", "").replace(" event", ""), rate, achievedRate, expected,
        received, quad(withMissing), quad(floorLatency), pair(toKafka), pair(fromKafka), connected.heapMiB,
        sampler.maxHeapMiB, gatewayCpu, machineCpu,
        put.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f / %.0f ms", pct(put, 50), pct(put, 99))));
  }

  private static String stats(double[] sorted) {
    if (sorted.length == 0) return "no samples";
    return String.format(Locale.ROOT, "p50 %s ms, p95 %s ms, p99 %s ms, max %s ms (n=%d)", one(pct(sorted, 50)),
        one(pct(sorted, 95)), one(pct(sorted, 99)), one(sorted[sorted.length - 1]), sorted.length);
  }

  private static String one(double ms) {
    return Double.isInfinite(ms) ? "never" : String.format(Locale.ROOT, "%.1f", ms);
  }

  private static String quad(double[] sorted) {
    if (sorted.length == 0) return "-";
    return String.format(Locale.ROOT, "%s / %s / %s / %s ms", num(pct(sorted, 50)), num(pct(sorted, 95)),
        num(pct(sorted, 99)), num(sorted[sorted.length - 1]));
  }

  private static String pair(double[] sorted) {
    if (sorted.length == 0) return "-";
    return String.format(Locale.ROOT, "%s / %s ms", num(pct(sorted, 50)), num(pct(sorted, 99)));
  }

  private static String num(double ms) {
    if (Double.isInfinite(ms)) return "never";
    return ms < 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
  }

  private static double pct(double[] sorted, double p) {
    return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
  }

  /**
   * A phase's renames: paced at the rate, each a {@code PUT /api/v1/events/{id}} through the API
   * gateway with {@code {"name":"rtb<phase>-<i>"}}, events taken in turn. At most {@code writers}
   * requests are in flight: when the API cannot keep up the pace slows down (the achieved rate is
   * reported) instead of queueing without bound.
   */
  private final class Writes {
    final int phase;
    final long[] sentAt;
    final AtomicLongArray answeredAt;
    /** When the rename's change record was readable on the events topic (a consumer beside the gateway's). */
    final AtomicLongArray visibleAt;
    final boolean[] accepted;
    final AtomicInteger answers = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final Semaphore slots = new Semaphore(opt("writers"));
    /** How many were sent: fewer than planned when the API could not keep the pace. */
    volatile int count;

    Writes(int phase, int total) {
      this.phase = phase;
      this.sentAt = new long[total];
      this.answeredAt = new AtomicLongArray(total);
      this.visibleAt = new AtomicLongArray(total);
      this.accepted = new boolean[total];
    }

    void run(List<String> events, int rate, Duration duration) throws InterruptedException {
      String writerToken = users.get(0)[1];
      long period = (long) (1e9 / rate);
      long due = System.nanoTime();
      long end = due + duration.toNanos();
      for (int i = 0; i < sentAt.length && System.nanoTime() < end; i++) {
        count = i + 1;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
        slots.acquire();
        long now = System.nanoTime();
        // Behind by more than 50 ms (the API is saturated): no burst to catch up.
        due = now - due > 50_000_000L ? now + period : due + period;
        int index = i;
        String eventId = events.get(i % events.size());
        String body = new JsonObject().put("name", MARKER + phase + "-" + i).encode();
        sentAt[i] = now;
        writerContext.runOnContext(v -> writerHttp.request(new RequestOptions().setMethod(HttpMethod.PUT)
                .setHost("127.0.0.1").setPort(stackPort).setURI("/api/v1/events/" + eventId)
                .putHeader("Authorization", "Bearer " + writerToken).putHeader("Content-Type", "application/json"))
            .compose(request -> request.send(Buffer.buffer(body)))
            .compose(response -> response.body().map(answer -> {
              long answered = System.nanoTime();
              if (response.statusCode() == 200) {
                JsonArray updated = new JsonObject(answer).getJsonArray("updated_fields", new JsonArray());
                accepted[index] = updated.contains("name");
                answeredAt.set(index, answered);
              } else if (failures.incrementAndGet() <= 3) {
                OUT.println("PUT answered " + response.statusCode() + ": " + answer);
              }
              return null;
            }))
            .onComplete(done -> {
              if (done.failed() && failures.incrementAndGet() <= 3) OUT.println("PUT failed: " + done.cause());
              slots.release();
              answers.incrementAndGet();
            }));
      }
    }

    void awaitAnswers(Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (answers.get() < count && System.nanoTime() < deadline) Thread.sleep(20);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Recording
  // ------------------------------------------------------------------------------------------

  /** One client event loop's frame receipts: (marker, nanoTime) pairs. */
  private static final class Receipts {
    private long[] pairs = new long[1 << 16];
    private int size;

    synchronized void add(long marker, long at) {
      if (size + 2 > pairs.length) pairs = Arrays.copyOf(pairs, pairs.length * 2);
      pairs[size++] = marker;
      pairs[size++] = at;
    }

    synchronized long size() {
      return size / 2;
    }

    synchronized long[] drain() {
      long[] out = Arrays.copyOf(pairs, size);
      size = 0;
      if (pairs.length > 1 << 22) pairs = new long[1 << 16];
      return out;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Kafka floor: produce to a scratch topic and consume it, at the same rate, on the same broker
  // ------------------------------------------------------------------------------------------

  private static final class Floor {
    private final KafkaProducer<String, String> producer;
    private volatile Run current;
    /** The phase whose renames are looked for on the events change topic, and where their times go. */
    private volatile int probePhase = -1;
    private volatile AtomicLongArray probeAt;

    private volatile boolean closed;
    private Thread reader;

    /** Stops reading and producing before the broker goes away. */
    void close() {
      if (closed) return;
      closed = true;
      try {
        reader.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      producer.close(Duration.ofSeconds(5));
    }

    void probe(int phase, AtomicLongArray at) {
      probeAt = at;
      probePhase = phase;
    }

    Floor(String bootstrap) throws Exception {
      KafkaConfig kafka = new KafkaConfig(bootstrap, "", FLOOR_PARTITIONS, (short) 1);
      try (Admin admin = Admin.create(new HashMap<String, Object>(KafkaClients.clientConfig(kafka)))) {
        if (!admin.listTopics().names().get().contains(FLOOR_TOPIC)) {
          admin.createTopics(List.of(new NewTopic(FLOOR_TOPIC, FLOOR_PARTITIONS, (short) 1))).all().get();
        }
      }
      // The outbox relay's producer settings, and the realtime gateway's consumer settings (no
      // group, every partition assigned, read_committed, reading from the end).
      Map<String, Object> producerConfig = new HashMap<>(KafkaClients.producerConfig(kafka, "bench-realtime-floor"));
      producer = new KafkaProducer<>(producerConfig);
      Map<String, Object> consumerConfig = new HashMap<>(KafkaClients.clientConfig(kafka));
      consumerConfig.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
      consumerConfig.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
      consumerConfig.put("enable.auto.commit", "false");
      consumerConfig.put("isolation.level", "read_committed");
      KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig);
      List<TopicPartition> partitions = new ArrayList<>();
      for (int i = 0; i < FLOOR_PARTITIONS; i++) partitions.add(new TopicPartition(FLOOR_TOPIC, i));
      // The events change topic too: when each rename becomes readable there (after the outbox relay).
      String changes = Topics.name(kafka, Topics.EVENTS);
      consumer.partitionsFor(changes).forEach(info -> partitions.add(new TopicPartition(changes, info.partition())));
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      reader = new Thread(() -> {
        while (!closed) {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
            long now = System.nanoTime();
            if (!record.topic().equals(FLOOR_TOPIC)) {
              long marker = record.value() == null ? -1 : marker(record.value());
              AtomicLongArray at = probeAt;
              if (marker >= 0 && at != null && (marker >>> 32) == probePhase && (marker & 0xffffffffL) < at.length()) {
                at.compareAndSet((int) (marker & 0xffffffffL), 0, now);
              }
              continue;
            }
            Run run = current;
            String[] parts = record.value().split(":");
            int phase = Integer.parseInt(parts[0]);
            int index = Integer.parseInt(parts[1]);
            if (run != null && run.phase == phase && index < run.received.length()) run.received.set(index, now);
          }
        }
        consumer.close();
      }, "floor-consumer");
      reader.setDaemon(true);
      reader.start();
    }

    Run start(int phase, int rate, int seconds) {
      Run run = new Run(phase, rate * seconds);
      current = run;
      Thread sender = new Thread(() -> {
        long started = System.nanoTime();
        double period = 1e9 / rate;
        for (int i = 0; i < run.sent.length; i++) {
          long due = started + (long) (i * period);
          long wait;
          while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
          run.sent[i] = System.nanoTime();
          producer.send(new ProducerRecord<>(FLOOR_TOPIC, "floor-" + (i % 64), phase + ":" + i));
        }
      }, "floor-producer");
      sender.setDaemon(true);
      sender.start();
      run.sender = sender;
      return run;
    }

    static final class Run {
      final int phase;
      final long[] sent;
      final AtomicLongArray received;
      Thread sender;

      Run(int phase, int total) {
        this.phase = phase;
        this.sent = new long[total];
        this.received = new AtomicLongArray(total);
      }

      double[] await() throws InterruptedException {
        sender.join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
          boolean all = true;
          for (int i = 0; i < received.length() && all; i++) all = received.get(i) != 0;
          if (all) break;
          Thread.sleep(20);
        }
        double[] out = new double[sent.length];
        int n = 0;
        for (int i = 0; i < sent.length; i++) if (received.get(i) != 0) out[n++] = (received.get(i) - sent[i]) / 1e6;
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // The server's heap (Prometheus /metrics, jcmd) and CPU (/proc)
  // ------------------------------------------------------------------------------------------

  private static final Pattern METRIC = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");

  private record Metrics(double heapMiB, double webSockets, double gcCount, double gcSeconds, double rssMiB) {
    /** With {@code collect}, runs a full GC first (jcmd), so the heap is what is live. */
    static Metrics read(int port, long pid, boolean collect) {
      if (collect) jcmd(pid, "GC.run");
      double heap = 0;
      double webSockets = 0;
      double gcCount = 0;
      double gcSeconds = 0;
      try {
        // Bounded as a whole: the client's own timeout stops at the headers, not the body.
        CompletableFuture<HttpResponse<String>> pending = PROBE.sendAsync(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> answer;
        try {
          answer = pending.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          pending.cancel(true);
          throw new IOException("metrics: " + e);
        }
        for (String line : answer.body().split("\n")) {
          Matcher m = METRIC.matcher(line);
          if (!m.find()) continue;
          String name = m.group(1);
          String labels = m.group(2) == null ? "" : m.group(2);
          double value;
          try {
            value = Double.parseDouble(m.group(3));
          } catch (NumberFormatException e) {
            continue;
          }
          if (name.equals("jvm_memory_used_bytes") && labels.contains("area=\"heap\"")) heap += value;
          if (name.equals("vertx_http_server_active_ws_connections")) webSockets += value;
          if (name.equals("jvm_gc_pause_seconds_count")) gcCount += value;
          if (name.equals("jvm_gc_pause_seconds_sum")) gcSeconds += value;
        }
      } catch (IOException | InterruptedException e) {
        // Leave zeros.
      }
      return new Metrics(heap / 1024 / 1024, webSockets, gcCount, gcSeconds, rssKiB(pid) / 1024.0);
    }

    static long rssKiB(long pid) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      } catch (IOException e) {
        // Gone.
      }
      return 0;
    }
  }

  /** Samples the server's heap every 2 s while a phase runs (a scrape costs the server a few ms). */
  private static final class HeapSampler {
    private final int port;
    private final Thread thread;
    private volatile boolean running = true;
    volatile double maxHeapMiB;
    volatile double lastWebSockets;
    private Metrics first;
    private Metrics last;

    HeapSampler(int port) {
      this.port = port;
      this.thread = new Thread(() -> {
        while (running) {
          Metrics m = Metrics.read(this.port, 0, false);
          if (first == null) first = m;
          last = m;
          maxHeapMiB = Math.max(maxHeapMiB, m.heapMiB);
          lastWebSockets = m.webSockets;
          try {
            Thread.sleep(2000);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    double gcMillis() {
      return first == null ? 0 : (last.gcSeconds - first.gcSeconds) * 1000;
    }

    long gcPauses() {
      return first == null ? 0 : Math.round(last.gcCount - first.gcCount);
    }
  }

  /** CPU ticks of the processes that matter, per thread of the server, and of the machine. */
  private static final class CpuSnapshot {
    final long nanos = System.nanoTime();
    final Map<String, Long> processes = new LinkedHashMap<>();
    final Map<Long, Long> threads = new HashMap<>();
    /** Per thread, nanoseconds spent runnable but waiting for a CPU (/proc/.../schedstat). */
    final Map<Long, Long> waits = new HashMap<>();
    final Map<Long, String> threadNames = new HashMap<>();
    long machineBusy;
    long machineTotal;

    static CpuSnapshot take(long server, long stack, long engines, String benchDir, Map<Long, String> names) {
      CpuSnapshot s = new CpuSnapshot();
      s.processes.put("server", ticks(server));
      if (stack != server) s.processes.put("stack", ticks(stack));
      s.processes.put("engines (Kafka, S3)", ticks(engines));
      s.processes.put("postgres", postgresTicks(benchDir));
      s.processes.put("bench (clients, writer)", ticks(ProcessHandle.current().pid()));
      try (var tasks = Files.list(Path.of("/proc/" + server + "/task"))) {
        tasks.forEach(task -> {
          long tid = Long.parseLong(task.getFileName().toString());
          s.threads.put(tid, ticksOf(task.resolve("stat")));
          try {
            s.waits.put(tid, Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[1]));
          } catch (IOException | RuntimeException e) {
            // No schedstat on this kernel.
          }
        });
      } catch (IOException e) {
        // Gone.
      }
      s.threadNames.putAll(names);
      s.readMachine();
      return s;
    }

    /** Only the machine's counters. */
    static CpuSnapshot machine() {
      CpuSnapshot s = new CpuSnapshot();
      s.readMachine();
      return s;
    }

    /** The machine's busy and total ticks (/proc/stat: user to steal; idle and iowait are not busy). */
    private void readMachine() {
      try {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        long total = 0;
        for (int i = 1; i < Math.min(cpu.length, 9); i++) total += Long.parseLong(cpu[i]);
        machineBusy = total - idle;
        machineTotal = total;
      } catch (IOException e) {
        // Leave zeros.
      }
    }

    static long ticks(long pid) {
      return ticksOf(Path.of("/proc/" + pid + "/stat"));
    }

    static long ticksOf(Path stat) {
      try {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }

    /**
     * Every postgres process of the engines: the postmasters whose command line names a data
     * directory under the bench's directory, and their children (the backends).
     */
    static long postgresTicks(String benchDir) {
      Map<Long, Long> parent = new HashMap<>();
      List<Long> postgres = new ArrayList<>();
      List<Long> postmasters = new ArrayList<>();
      try (var procs = Files.list(Path.of("/proc"))) {
        procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
          try {
            String text = Files.readString(p.resolve("stat"));
            long pid = Long.parseLong(p.getFileName().toString());
            if (!text.substring(text.indexOf('(') + 1, text.lastIndexOf(')')).startsWith("postgres")) return;
            postgres.add(pid);
            parent.put(pid, Long.parseLong(text.substring(text.lastIndexOf(')') + 2).split(" ")[1]));
            if (Files.readString(p.resolve("cmdline")).contains(benchDir)) postmasters.add(pid);
          } catch (IOException | RuntimeException e) {
            // Gone meanwhile.
          }
        });
      } catch (IOException e) {
        return 0;
      }
      long sum = 0;
      for (long pid : postgres) {
        if (postmasters.contains(pid) || postmasters.contains(parent.get(pid))) sum += ticks(pid);
      }
      return sum;
    }

    /** Native thread id → Java thread name, from jcmd Thread.print (/proc's names are cut at 15 characters). */
    static Map<Long, String> threadNames(long pid) {
      Map<Long, String> names = new HashMap<>();
      String text = jcmd(pid, "Thread.print");
      {
        Matcher m = Pattern.compile("^\"([^\"]+)\".*nid=(0x[0-9a-f]+|\\d+)", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
          String nid = m.group(2);
          names.put(nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid), m.group(1));
        }
      }
      return names;
    }

    double percentOfCore(CpuSnapshot start, String process, double wallSeconds) {
      return 100.0 * (processes.get(process) - start.processes.get(process)) / CLK_TCK / wallSeconds;
    }

    double machinePercent(CpuSnapshot start) {
      long total = machineTotal - start.machineTotal;
      return total == 0 ? 0 : 100.0 * (machineBusy - start.machineBusy) / total * Runtime.getRuntime().availableProcessors();
    }

    String describe(CpuSnapshot start, double wallSeconds) {
      List<String> parts = new ArrayList<>();
      double ours = 0;
      for (String name : processes.keySet()) {
        double percent = percentOfCore(start, name, wallSeconds);
        ours += percent;
        parts.add(String.format(Locale.ROOT, "%s %.0f%%", name.equals("server") ? "server JVM" : name, percent));
      }
      parts.add(String.format(Locale.ROOT, "everything else (kernel, other work on the machine) %.0f%%",
          Math.max(0, machinePercent(start) - ours)));
      return String.join(", ", parts) + "; load average " + loadAverage();
    }

    static String loadAverage() {
      try {
        return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
      } catch (IOException e) {
        return "?";
      }
    }

    String topThreads(CpuSnapshot start, double wallSeconds, int count) {
      Map<String, Long> byName = new HashMap<>();
      Map<String, Long> waitByName = new HashMap<>();
      for (Map.Entry<Long, Long> e : threads.entrySet()) {
        long used = e.getValue() - start.threads.getOrDefault(e.getKey(), 0L);
        long waited = waits.getOrDefault(e.getKey(), 0L) - start.waits.getOrDefault(e.getKey(), 0L);
        String name = threadNames.getOrDefault(e.getKey(), start.threadNames.getOrDefault(e.getKey(), "tid " + e.getKey()));
        // GC and compiler threads by kind.
        name = name.replaceAll("^(GC Thread|G1 Conc|G1 Refine|C2 CompilerThread|C1 CompilerThread)#?\\d*.*", "$1*");
        byName.merge(name, used, Long::sum);
        waitByName.merge(name, waited, Long::sum);
      }
      return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
          .map(e -> String.format(Locale.ROOT, "%s %.0f%% / %.0f%%", e.getKey(),
              100.0 * e.getValue() / CLK_TCK / wallSeconds, waitByName.getOrDefault(e.getKey(), 0L) / 1e7 / wallSeconds))
          .reduce((a, b) -> a + ", " + b).orElse("-");
    }
  }

  /**
   * Where the server's event loops spend their time, from a JFR recording: the share of samples
   * (Java and native) whose stack contains a method, for the methods that matter most.
   */
  private static final class Profile {
    static String summarize(Path recording) {
      String text;
      try {
        Path out = Files.createTempFile("jfr", ".txt");
        Process jfr = new ProcessBuilder("jfr", "print", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample",
            "--stack-depth", "96", recording.toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!jfr.waitFor(120, TimeUnit.SECONDS)) jfr.destroyForcibly();
        text = Files.readString(out);
        Files.deleteIfExists(out);
      } catch (IOException | InterruptedException e) {
        return "(no profile: " + e + ")";
      }
      Map<String, Integer> inclusive = new HashMap<>();
      Map<String, Integer> self = new HashMap<>();
      int samples = 0;
      boolean loop = false;
      boolean inStack = false;
      boolean first = false;
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (String raw : text.split("\n")) {
        String line = raw.trim();
        if (line.startsWith("sampledThread = ")) {
          loop = line.contains("vert.x-eventloop");
        } else if (line.startsWith("stackTrace = [")) {
          inStack = loop;
          first = true;
          seen.clear();
          if (loop) samples++;
        } else if (inStack && line.equals("]")) {
          inStack = false;
        } else if (inStack && !line.isEmpty() && !line.equals("...")) {
          String method = line.replaceAll("\\s+line:.*$", "").replaceAll("\\(.*$", "");
          if (first) {
            self.merge(method, 1, Integer::sum);
            first = false;
          }
          if (seen.add(method)) inclusive.merge(method, 1, Integer::sum);
        }
      }
      if (samples == 0) return "(profile: no event-loop samples)";
      int total = samples;
      StringBuilder out = new StringBuilder("event-loop profile (" + samples + " samples); share of samples whose stack"
          + " contains:\n");
      inclusive.entrySet().stream()
          .filter(e -> e.getKey().matches("^(com\\.fashionos|io\\.vertx\\.core\\.json|io\\.vertx\\.core\\.http\\.impl\\.ws"
              + "|io\\.vertx\\.core\\.http\\.impl\\.Http1xServerConnection|io\\.vertx\\.kafka|io\\.netty\\.channel\\.AbstractChannelHandlerContext\\.flush"
              + "|io\\.netty\\.channel\\.socket\\.nio\\.NioSocketChannel\\.doWrite|sun\\.nio\\.ch\\.SocketDispatcher|com\\.fasterxml"
              + "|io\\.netty\\.handler\\.codec\\.http\\.websocketx).*"))
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
          .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey())));
      out.append("top self (leaf) methods:\n");
      self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
          .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey())));
      return out.toString();
    }
  }

  // ------------------------------------------------------------------------------------------
  // Small things
  // ------------------------------------------------------------------------------------------

  private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Runs {@code jcmd <pid> <command>} and returns its output; empty after 20 s or on failure. */
  static String jcmd(long pid, String command) {
    try {
      Path out = Files.createTempFile("jcmd", ".txt");
      Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!jcmd.waitFor(20, TimeUnit.SECONDS)) {
        jcmd.destroyForcibly();
        OUT.println("(jcmd " + command + " did not answer within 20 s)");
      }
      String text = Files.readString(out);
      Files.deleteIfExists(out);
      return text;
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static long readLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
      }
    } catch (IOException | RuntimeException e) {
      // Unknown.
    }
    return -1;
  }

  private static double totalMemoryGiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
      }
    } catch (IOException e) {
      // Unknown.
    }
    return 0;
  }
}
