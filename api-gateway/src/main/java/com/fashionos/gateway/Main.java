package com.fashionos.gateway;

import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.health.Metrics;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway on its own (one per pod). Besides {@link GatewayConfig#fromEnv}: JWT_SECRET or
 * JWKS_URL, and with identity on DATABASE_URL (with DATABASE_POOL_SIZE, default 10).
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Env env = Env.system();
    GatewayConfig config = GatewayConfig.fromEnv(env);
    AuthConfig auth = AuthConfig.fromEnv(env, null);
    if (config.identityEnabled() && env.optional("DATABASE_URL").isEmpty()) {
      throw new IllegalArgumentException("DATABASE_URL is required while IDENTITY_ENABLED");
    }
    DatabaseConfig database = config.identityEnabled() ? DatabaseConfig.fromEnv(env) : null;
    Vertx vertx = Vertx.vertx(Metrics.vertxOptions());
    ApiGatewayVerticle gateway = new ApiGatewayVerticle(config, auth, database);
    vertx.deployVerticle(gateway)
        .onSuccess(id -> LOG.info("api-gateway listening on {}:{}", config.host(), gateway.actualPort()))
        .onFailure(e -> {
          LOG.error("api-gateway did not start", e);
          vertx.close().onComplete(closed -> System.exit(1));
        });
    // SIGTERM: stop taking connections and let the verticle close its pools.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("api-gateway did not stop cleanly", e);
      }
    }, "api-gateway-shutdown"));
  }
}
