package com.fashionos.files;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs files-service alone, configured from the environment. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    FilesServiceConfig config = FilesServiceConfig.fromEnv(Env.system());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    vertx.deployVerticle(new FilesServiceVerticle(config))
        .onSuccess(id -> LOG.info("files-service listening on port {}", config.service().port()))
        .onFailure(e -> {
          LOG.error("files-service failed to start", e);
          System.exit(1);
        });
  }
}
