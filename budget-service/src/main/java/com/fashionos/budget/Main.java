package com.fashionos.budget;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs budget-service alone, configured from the environment. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    BudgetServiceConfig config = BudgetServiceConfig.fromEnv(Env.system());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    vertx.deployVerticle(new BudgetServiceVerticle(config))
        .onSuccess(id -> LOG.info("budget-service listening on port {}", config.service().port()))
        .onFailure(e -> {
          LOG.error("budget-service failed to start", e);
          System.exit(1);
        });
  }
}
