package com.fashionos.events;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs events-service alone, configured from the environment (one container in Kubernetes). */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    ServiceConfig config = ServiceConfig.fromEnv(Env.system(), 8081);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    vertx.deployVerticle(new EventsServiceVerticle(config))
        .onSuccess(id -> LOG.info("events-service listening on port {}", config.port()))
        .onFailure(e -> {
          LOG.error("events-service failed to start", e);
          System.exit(1);
        });
  }
}
