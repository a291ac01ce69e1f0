package com.fashionos.realtime;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the realtime gateway alone, configured from the environment. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    RealtimeConfig config = RealtimeConfig.fromEnv(Env.system());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    vertx.deployVerticle(new RealtimeGatewayVerticle(config))
        .onSuccess(id -> LOG.info("realtime-gateway listening on port {}", config.port()))
        .onFailure(e -> {
          LOG.error("realtime-gateway failed to start", e);
          System.exit(1);
        });
  }
}
