package com.fashionos.aitasks;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs ai-tasks-worker alone, configured from the environment (GEMINI_API_KEY optional). */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Env env = Env.system();
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    ServiceConfig config = ServiceConfig.fromEnv(env, 8083);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    vertx.deployVerticle(new AiTasksWorkerVerticle(config, GeminiConfig.fromEnv(env).map(GeminiPlanner::new)))
        .onSuccess(id -> LOG.info("ai-tasks-worker running; health on port {}", config.port()))
        .onFailure(e -> {
          LOG.error("ai-tasks-worker failed to start", e);
          System.exit(1);
        });
  }
}
