package com.fashionos.standalone;

import com.fashionos.embedded.EmbeddedEngines;
import com.fashionos.aitasks.AiTasksWorkerVerticle;
import com.fashionos.aitasks.GeminiConfig;
import com.fashionos.aitasks.GeminiPlanner;
import com.fashionos.budget.BudgetServiceConfig;
import com.fashionos.budget.BudgetServiceVerticle;
import com.fashionos.files.FilesServiceConfig;
import com.fashionos.files.FilesServiceVerticle;
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
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one JVM: embedded Kafka, PostgreSQL and S3 (or external ones), every
 * service on an internal port and the API gateway on {@code PORT}, the single origin. Services
 * talk to each other exactly as in a cluster: over HTTP and Kafka.
 */
public final class Standalone implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);
  private final EmbeddedEngines engines;
  private final Vertx vertx;
  private final int port;

  private Standalone(EmbeddedEngines engines, Vertx vertx, int port) {
    this.engines = engines;
    this.vertx = vertx;
    this.port = port;
  }

  public static void main(String[] args) {
    Standalone standalone;
    try {
      standalone = start(Env.system());
    } catch (RuntimeException e) {
      LOG.error("FashionOS failed to start", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(standalone::close, "fashionos-shutdown"));
  }

  /** Starts everything and returns once the gateway answers ready (demo data included). */
  public static Standalone start(Env env) {
    long started = System.nanoTime();
    StandaloneConfig config = StandaloneConfig.fromEnv(env);
    EmbeddedEngines engines = EmbeddedEngines.start(config.dataDir(), env);
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    try {
      AuthConfig auth = new AuthConfig(config.jwtSecret(), null);
      ServiceConfig services = new ServiceConfig(0, engines.database(), engines.kafka(), auth);
      EventsServiceVerticle events = new EventsServiceVerticle(services);
      vertx.deployVerticle(events).await();
      TasksServiceVerticle tasks = new TasksServiceVerticle(new TasksServiceConfig(services,
          "http://127.0.0.1:" + events.port(), env.getInt("OVERDUE_SWEEP_MS", 60_000)));
      vertx.deployVerticle(tasks).await();
      BudgetServiceVerticle budget = new BudgetServiceVerticle(new BudgetServiceConfig(services,
          "http://127.0.0.1:" + events.port()));
      vertx.deployVerticle(budget).await();
      // Public files' links go through the gateway; private ones are presigned on the local S3 store.
      FilesServiceVerticle files = new FilesServiceVerticle(new FilesServiceConfig(services,
          "http://127.0.0.1:" + events.port(), engines.s3(),
          env.get("PUBLIC_BASE_URL", "http://localhost:" + config.port()),
          Long.parseLong(env.get("STORAGE_QUOTA_BYTES", Long.toString(FilesServiceConfig.DEFAULT_QUOTA_BYTES))),
          UploadLimits.fromEnv(env)));
      vertx.deployVerticle(files).await();
      vertx.deployVerticle(new AiTasksWorkerVerticle(services, GeminiConfig.fromEnv(env).map(GeminiPlanner::new))).await();
      RealtimeGatewayVerticle realtime = new RealtimeGatewayVerticle(
          new RealtimeConfig(0, engines.kafka(), auth, "http://127.0.0.1:" + events.port()));
      vertx.deployVerticle(realtime).await();

      GatewayConfig gatewayConfig = GatewayConfig.fromEnv(env);
      Map<String, Integer> internalPorts = Map.of("events-service", events.port(), "tasks-service", tasks.port(),
          "budget-service", budget.port(), "files-service", files.port(), "realtime-gateway", realtime.port());
      GatewayConfig standaloneGateway = new GatewayConfig(config.port(), gatewayConfig.corsAllowedOrigins(),
          gatewayConfig.rateLimitPerMinute(), true,
          GatewayConfig.TABLE.stream().filter(row -> internalPorts.containsKey(row.service()))
              .map(row -> row.at("http://127.0.0.1:" + internalPorts.get(row.service()))).toList(),
          gatewayConfig.backendTimeout());
      ApiGatewayVerticle gateway = new ApiGatewayVerticle(standaloneGateway, auth, engines.database());
      Promise<Void> demoLoaded = Promise.promise();
      gateway.holdReadinessUntil(demoLoaded.future());
      vertx.deployVerticle(gateway).await();

      String url = "http://localhost:" + gateway.actualPort();
      if (config.demoData()) {
        new DemoData(vertx, url, config.dataDir()).loadOnce().await();
      }
      demoLoaded.complete();
      LOG.info("FashionOS Events is ready at {} (started in {} ms)", url, (System.nanoTime() - started) / 1_000_000);
      if (config.demoData()) DemoData.printAccounts(url);
      return new Standalone(engines, vertx, gateway.actualPort());
    } catch (RuntimeException e) {
      vertx.close().await();
      engines.close();
      throw e;
    }
  }

  public int port() {
    return port;
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
