package com.fashionos.gateway;

import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.health.Launcher;

/**
 * Runs the gateway on its own (one per pod); the modes are {@link Launcher}'s. Besides
 * {@link GatewayConfig#fromEnv}: JWT_SECRET or JWKS_URL, and with identity on DATABASE_URL (with
 * DATABASE_POOL_SIZE, default 10).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Launcher.run("api-gateway", args, Main::gateway);
  }

  private static ApiGatewayVerticle gateway(Env env) {
    GatewayConfig config = GatewayConfig.fromEnv(env);
    if (config.identityEnabled() && env.optional("DATABASE_URL").isEmpty()) {
      throw new IllegalArgumentException("DATABASE_URL is required while IDENTITY_ENABLED");
    }
    return new ApiGatewayVerticle(config, AuthConfig.fromEnv(env, null),
        config.identityEnabled() ? DatabaseConfig.fromEnv(env) : null);
  }
}
