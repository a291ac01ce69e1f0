package com.fashionos.platform.health;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every service's {@code Main} runs it in a cluster: one Vert.x with Prometheus metrics, the
 * service's verticle, a clean stop on SIGTERM, and exit status 1 when it cannot start (so the
 * orchestrator restarts it).
 */
public final class Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

  private Launcher() {}

  public static void launch(String service, int port, Deployable verticle) {
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    vertx.deployVerticle(verticle)
        .onSuccess(id -> LOG.info("{} listening on port {}", service, port))
        .onFailure(e -> {
          LOG.error("{} failed to start", service, e);
          System.exit(1);
        });
  }
}
