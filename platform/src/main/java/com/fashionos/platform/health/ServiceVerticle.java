package com.fashionos.platform.health;

import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.kafka.KafkaClients;
import com.fashionos.platform.outbox.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * How every service starts, in one order: migrate its schema and open the pool, create the
 * topics, prepare token checks, let the service add its routes and deploy its consumers, start its
 * outbox relay, listen. {@code /health/ready} turns 200 only after all of it.
 */
public abstract class ServiceVerticle extends VerticleBase {
  protected final ServiceConfig config;
  protected Database database;
  private HttpServer server;

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
    ServiceRouter service = new ServiceRouter(vertx, this::streamed);
    return Database.open(vertx, config.database(), schema())
        .compose(db -> {
          database = db;
          return KafkaClients.ensureTopics(vertx, config.kafka());
        })
        .compose(v -> TokenVerifier.create(vertx, config.auth()))
        .compose(verifier -> startParts(service.router(), verifier))
        .compose(v -> vertx.deployVerticle(new OutboxRelay(config.database(), schema(), config.kafka())))
        .compose(id -> vertx.createHttpServer().requestHandler(service.router()).listen(config.port(), config.host()))
        .onSuccess(listening -> {
          server = listening;
          service.markReady();
        });
  }

  @Override
  public Future<?> stop() {
    return database == null ? Future.succeededFuture() : database.close();
  }

  /** The port the service listens on (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }
}
