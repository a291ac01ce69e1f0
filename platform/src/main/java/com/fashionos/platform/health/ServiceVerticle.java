package com.fashionos.platform.health;

import com.fashionos.platform.http.InvalidRequests;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Migrations;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.kafka.ChangeRecordConsumer;
import com.fashionos.platform.kafka.ConsumerSettings;
import com.fashionos.platform.kafka.KafkaClients;
import com.fashionos.platform.kafka.ParkedRecords;
import com.fashionos.platform.kafka.ParkedRecordsAdmin;
import com.fashionos.platform.outbox.OutboxRelay;
import com.fashionos.platform.outbox.RelayLeadership;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every service starts, in one order: migrate its schema and open the pool, create the
 * topics, prepare token checks, let the service add its routes and deploy its consumers, start its
 * outbox relay, listen. {@code /health/ready} turns 200 only after all of it, and answers 503
 * while the database does not answer, a consumer is stuck or the schema's outbox has no relay.
 * Parked records are listed and replayed at {@code /admin/parked-records} (docs/operations.md).
 * It stops in the reverse order ({@link #shutdown}).
 */
public abstract class ServiceVerticle extends VerticleBase implements Lifecycle {
  /** Probes of every replica come every few seconds; the database is asked at most this often. */
  private static final Duration CHECK_TTL = Duration.ofMillis(1_500);
  private static final Logger LOG = LoggerFactory.getLogger(ServiceVerticle.class);
  protected final ServiceConfig config;
  protected Database database;
  private ServiceRouter service;
  private HttpServer server;
  /** The consumers' and the relay's deployments, stopped once the requests in flight are done. */
  private final List<String> parts = new CopyOnWriteArrayList<>();
  private Future<Void> stopping;
  private final ConsumerSettings consumerSettings = ConsumerSettings.fromEnv(Env.system());
  private final Map<String, ChangeRecordConsumer> consumers = new ConcurrentHashMap<>();

  protected ServiceVerticle(ServiceConfig config) {
    this.config = config;
  }

  /** The service's schema and topic. */
  protected abstract ServiceSchema schema();

  /** Requests whose body the route streams itself instead of the 1 MiB body handler (uploads). */
  protected boolean streamed(RoutingContext ctx) {
    return false;
  }

  /** Adds the service's routes and deploys its own verticles (consumers, sweepers). */
  protected abstract Future<?> startParts(Router router, TokenVerifier verifier);

  @Override
  public final Future<?> start() {
    service = new ServiceRouter(vertx, this::streamed);
    return Database.open(vertx, config.database(), schema())
        .compose(db -> {
          database = db;
          watch(service, db);
          return KafkaClients.ensureTopics(vertx, config.kafka());
        })
        .compose(v -> TokenVerifier.create(vertx, config.auth()))
        .compose(verifier -> startParts(service.router(), verifier))
        .compose(v -> vertx.deployVerticle(new OutboxRelay(config.database(), schema(), config.kafka())))
        .onSuccess(parts::add)
        .compose(id -> vertx.createHttpServer().invalidRequestHandler(InvalidRequests::answer).requestHandler(service.router()).listen(config.port(), config.host()))
        .onSuccess(listening -> {
          server = listening;
          service.markReady();
        });
  }

  /** Deploys one of the service's consumers: its retries, its health and the replay of what it parks are the service's. */
  protected Future<String> deployConsumer(ChangeRecordConsumer consumer) {
    consumer.configure(consumerSettings);
    consumers.put(consumer.name(), consumer);
    return vertx.deployVerticle(consumer).onSuccess(parts::add);
  }

  /** Readiness checks and the parked records' routes, once the database is open. */
  private void watch(ServiceRouter service, Database db) {
    service.readinessCheck("database", HealthCheck.cached(CHECK_TTL, DatabaseHealth.of(db.pool())));
    service.readinessCheck("outbox_relay",
        HealthCheck.cached(CHECK_TTL, new RelayLeadership(db.pool(), schema(), RelayLeadership.GRACE)));
    service.readinessCheck("consumers", () -> {
      List<String> stuck = consumers.values().stream()
          .flatMap(consumer -> consumer.stuck().map(why -> consumer.name() + " " + why).stream())
          .toList();
      return stuck.isEmpty() ? Future.succeededFuture() : Future.failedFuture(String.join("; ", stuck));
    });
    new ParkedRecordsAdmin(new ParkedRecords(db), consumers).mount(service.router());
  }

  @Override
  public void migrate() {
    Migrations.migrate(config.database(), schema());
  }

  @Override
  public void drain() {
    if (service != null) service.markStopping();
  }

  /**
   * Requests in flight finish (new connections are refused), then consumers commit what they
   * applied and leave their groups, the relay hands its lock over, and the database releases the
   * Idempotency-Key claims of requests that could not finish and closes its pool.
   */
  @Override
  public synchronized Future<Void> shutdown(Duration grace) {
    if (stopping == null) {
      Future<Void> requests = server == null ? Future.succeededFuture()
          : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
      stopping = requests
          .onFailure(e -> LOG.warn("{}: requests in flight did not all finish: {}", schema().name(), e.toString()))
          // Those Vert.x has not undeployed already (an undeploy of this verticle stops its children first).
          .transform(done -> Future.join(parts.stream().filter(vertx.deploymentIDs()::contains).map(id -> vertx.undeploy(id)
              .onFailure(e -> LOG.warn("{}: a part did not stop cleanly: {}", schema().name(), e.toString()))).toList()))
          .transform(done -> database == null ? Future.succeededFuture() : database.close());
    }
    return stopping;
  }

  @Override
  public Future<?> stop() {
    return shutdown(Duration.ZERO);
  }

  /** The port the service listens on (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }
}
