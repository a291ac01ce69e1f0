package com.fashionos.tasks;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs tasks-service alone, configured from the environment. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    TasksServiceConfig config = TasksServiceConfig.fromEnv(Env.system());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    vertx.deployVerticle(new TasksServiceVerticle(config))
        .onSuccess(id -> LOG.info("tasks-service listening on port {}", config.service().port()))
        .onFailure(e -> {
          LOG.error("tasks-service failed to start", e);
          System.exit(1);
        });
  }
}
