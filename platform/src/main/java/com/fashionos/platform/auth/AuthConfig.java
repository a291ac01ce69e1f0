package com.fashionos.platform.auth;

import com.fashionos.platform.config.Env;

/**
 * How access tokens are checked: an HS256 shared secret (Supabase's JWT secret, or the
 * standalone identity's key) or a JWKS URL (any OIDC provider). One of the two is required.
 */
public record AuthConfig(String jwtSecret, String jwksUrl) {

  public AuthConfig {
    if ((jwtSecret == null || jwtSecret.isBlank()) && (jwksUrl == null || jwksUrl.isBlank())) {
      throw new IllegalArgumentException("Set JWT_SECRET or JWKS_URL");
    }
  }

  /** Reads JWT_SECRET / JWKS_URL; {@code fallbackSecret} is standalone's generated key. */
  public static AuthConfig fromEnv(Env env, String fallbackSecret) {
    return new AuthConfig(env.get("JWT_SECRET", env.optional("JWKS_URL").isPresent() ? null : fallbackSecret),
        env.optional("JWKS_URL").orElse(null));
  }

  @Override
  public String toString() {
    return "AuthConfig[" + (jwksUrl != null ? "jwks=" + jwksUrl : "hs256") + "]";
  }
}
