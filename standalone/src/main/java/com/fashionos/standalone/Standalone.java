package com.fashionos.standalone;

import com.fashionos.embedded.EmbeddedEngines;
import com.fashionos.aitasks.AiTasksWorkerVerticle;
import com.fashionos.aitasks.GeminiConfig;
import com.fashionos.aitasks.GeminiPlanner;
import com.fashionos.budget.BudgetServiceConfig;
import com.fashionos.budget.BudgetServiceVerticle;
import com.fashionos.files.FilesServiceConfig;
import com.fashionos.files.FilesServiceVerticle;
import com.fashionos.files.file.FileLinks;
import com.fashionos.files.file.LinkKeys;
import com.fashionos.files.upload.UploadLimits;
import com.fashionos.events.EventsServiceVerticle;
import com.fashionos.gateway.ApiGatewayVerticle;
import com.fashionos.gateway.GatewayConfig;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.health.Metrics;
import com.fashionos.realtime.RealtimeConfig;
import com.fashionos.realtime.RealtimeGatewayVerticle;
import com.fashionos.tasks.TasksServiceConfig;
import com.fashionos.tasks.TasksServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one JVM: embedded Kafka, PostgreSQL and S3 (or external ones), every
 * service on an internal port and the API gateway on {@code PORT}, the single origin. Services
 * talk to each other exactly as in a cluster: over HTTP and Kafka. Only the gateway is reachable
 * from the network: the services and embedded engines listen on 127.0.0.1, so nothing bypasses the
 * gateway's authentication, rate limit and CORS.
 */
public final class Standalone implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);
  private final EmbeddedEngines engines;
  private final Vertx vertx;
  private final int port;
  private final Map<String, Integer> internalPorts;
  private final Optional<String> demoPassword;

  private Standalone(EmbeddedEngines engines, Vertx vertx, int port, Map<String, Integer> internalPorts,
      Optional<String> demoPassword) {
    this.engines = engines;
    this.vertx = vertx;
    this.port = port;
    this.internalPorts = internalPorts;
    this.demoPassword = demoPassword;
  }

  /** {@code --demo} loads the demo data (as {@code FASHIONOS_DEMO=true} does). */
  public static void main(String[] args) {
    Standalone standalone;
    try {
      standalone = start(Env.system(), List.of(args));
    } catch (RuntimeException e) {
      LOG.error("FashionOS failed to start", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(standalone::close, "fashionos-shutdown"));
  }

  public static Standalone start(Env env) {
    return start(env, List.of());
  }

  /** Starts everything and returns once the gateway answers ready (demo data included when asked for). */
  public static Standalone start(Env env, List<String> args) {
    long started = System.nanoTime();
    StandaloneConfig config = StandaloneConfig.from(env, args);
    EmbeddedEngines engines = EmbeddedEngines.start(config.dataDir(), env);
    long enginesUp = System.nanoTime();
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    try {
      AuthConfig auth = new AuthConfig(config.jwtSecret(), null);
      ServiceConfig services = new ServiceConfig(ServiceConfig.LOOPBACK, 0, engines.database(), engines.kafka(), auth);
      // Each service migrates its own schema and opens its own pool, so they start side by side;
      // only the addresses they call need the callee listening first (events, then files for budget).
      EventsServiceVerticle events = new EventsServiceVerticle(services);
      AiTasksWorkerVerticle aiTasks = new AiTasksWorkerVerticle(services, GeminiConfig.fromEnv(env).map(GeminiPlanner::new));
      Future<String> aiTasksDeployed = vertx.deployVerticle(aiTasks);
      vertx.deployVerticle(events).await();
      String eventsUrl = "http://127.0.0.1:" + events.port();
      TasksServiceVerticle tasks = new TasksServiceVerticle(new TasksServiceConfig(services, eventsUrl,
          env.getInt("OVERDUE_SWEEP_MS", 60_000)));
      // Download links are on the origin the caller reached the gateway at (or PUBLIC_BASE_URL) and
      // stream from the store, so the embedded store's loopback port is in no link. Only an external
      // store with an address clients reach (S3_ENDPOINT and S3_PUBLIC_ENDPOINT) is redirected to.
      FileLinks.Settings links = new FileLinks.Settings(env.optional("PUBLIC_BASE_URL"),
          new LinkKeys(config.fileLinkKey(), env.optional("FILE_LINK_KEY_PREVIOUS")),
          env.optional("S3_ENDPOINT").isPresent() && env.optional("S3_PUBLIC_ENDPOINT").isPresent());
      FilesServiceVerticle files = new FilesServiceVerticle(new FilesServiceConfig(services, eventsUrl, engines.s3(),
          Long.parseLong(env.get("STORAGE_QUOTA_BYTES", Long.toString(FilesServiceConfig.DEFAULT_QUOTA_BYTES))),
          UploadLimits.fromEnv(env), links));
      RealtimeGatewayVerticle realtime = new RealtimeGatewayVerticle(new RealtimeConfig(ServiceConfig.LOOPBACK, 0,
          engines.kafka(), auth, eventsUrl, RealtimeConfig.Limits.DEFAULTS));
      Future<String> tasksDeployed = vertx.deployVerticle(tasks);
      Future<String> realtimeDeployed = vertx.deployVerticle(realtime);
      vertx.deployVerticle(files).await();
      BudgetServiceVerticle budget = new BudgetServiceVerticle(new BudgetServiceConfig(services, eventsUrl,
          "http://127.0.0.1:" + files.port()));
      Future.all(vertx.deployVerticle(budget), tasksDeployed, realtimeDeployed, aiTasksDeployed).await();
      long servicesUp = System.nanoTime();

      GatewayConfig gatewayConfig = GatewayConfig.fromEnv(env);
      Map<String, Integer> internalPorts = new TreeMap<>(Map.of("events-service", events.port(),
          "tasks-service", tasks.port(), "budget-service", budget.port(), "files-service", files.port(),
          "realtime-gateway", realtime.port(), "ai-tasks-worker", aiTasks.port()));
      internalPorts.putAll(engines.embeddedPorts());
      // The public entry binds where it is told (every interface by default); the rest stays on loopback.
      // The built-in identity is standalone's sign-in: on here, whatever IDENTITY_ENABLED's default.
      // Without CORS_ALLOWED_ORIGINS, a frontend dev server on this machine may call (its own origin always may).
      List<String> origins = env.optional("CORS_ALLOWED_ORIGINS").isPresent() ? gatewayConfig.corsAllowedOrigins()
          : GatewayConfig.LOCAL_DEV_ORIGINS;
      GatewayConfig standaloneGateway = new GatewayConfig(gatewayConfig.host(), config.port(),
          origins, gatewayConfig.rateLimitPerMinute(), true,
          GatewayConfig.TABLE.stream().filter(row -> internalPorts.containsKey(row.service()))
              .map(row -> row.at("http://127.0.0.1:" + internalPorts.get(row.service()))).toList(),
          gatewayConfig.backendTimeout(), gatewayConfig.capacity());
      ApiGatewayVerticle gateway = new ApiGatewayVerticle(standaloneGateway, auth, engines.database());
      Promise<Void> readyToServe = Promise.promise();
      gateway.holdReadinessUntil(readyToServe.future());
      vertx.deployVerticle(gateway).await();

      String url = "http://localhost:" + gateway.actualPort();
      Optional<String> demoPassword = config.demoData() ? Optional.of(DemoData.passwordIn(config.dataDir())) : Optional.empty();
      if (demoPassword.isPresent()) {
        new DemoData(vertx, url, config.dataDir(), demoPassword.get()).loadOnce().await();
      }
      long now = System.nanoTime();
      LOG.info("FashionOS Events is ready at {} (started in {} ms: engines {} ms, services {} ms, gateway and demo data {} ms)",
          url, millis(now - started), millis(enginesUp - started), millis(servicesUp - enginesUp), millis(now - servicesUp));
      // Printed before readiness turns 200, so whoever waits for ready finds the password there.
      demoPassword.ifPresent(password -> DemoData.printAccounts(url, password));
      readyToServe.complete();
      return new Standalone(engines, vertx, gateway.actualPort(), Map.copyOf(internalPorts), demoPassword);
    } catch (RuntimeException e) {
      vertx.close().await();
      engines.close();
      throw e;
    }
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  public int port() {
    return port;
  }

  /**
   * Every port this process listens on besides the gateway's, by what listens there (services,
   * and the embedded engines: postgres, kafka, s3); all bound to 127.0.0.1.
   */
  public Map<String, Integer> internalPorts() {
    return internalPorts;
  }

  /** The demo accounts' password of this data directory, when the demo data was asked for. */
  public Optional<String> demoPassword() {
    return demoPassword;
  }

  /** Where the data lives (benchmarks seed large databases directly). */
  public com.fashionos.platform.config.DatabaseConfig database() {
    return engines.database();
  }

  /** Graceful stop: services finish and close their pools, then the engines flush and stop. */
  @Override
  public void close() {
    LOG.info("FashionOS Events is stopping");
    try {
      vertx.close().await();
    } finally {
      engines.close();
    }
  }
}
