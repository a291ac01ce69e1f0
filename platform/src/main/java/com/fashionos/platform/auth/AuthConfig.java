package com.fashionos.platform.auth;

import com.fashionos.platform.config.Env;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How access tokens are checked: an HS256 shared secret (Supabase's JWT secret, or the
 * standalone identity's key) or a JWKS URL (any OIDC provider). One of the two is required.
 *
 * @param issuer the {@code iss} a token must carry (the provider's issuer URL); null accepts any
 * @param audience the {@code aud} a token must name (Supabase: {@code authenticated}); null
 *     accepts any audience
 * @param roles the {@code role} claims accepted (Supabase: {@code authenticated}, so its
 *     {@code anon} key is no user); empty accepts any role, or none
 * @param jwksRefresh how often the JWKS is fetched again, so rotated keys arrive without a
 *     token to prompt it
 */
public record AuthConfig(String jwtSecret, String jwksUrl, String issuer, String audience, List<String> roles,
    Duration jwksRefresh) {
  public static final String SUPABASE_AUDIENCE = "authenticated";
  public static final List<String> SUPABASE_ROLES = List.of("authenticated");
  /** What JWT_AUDIENCE or JWT_ROLES say to switch their check off (a provider without those claims). */
  public static final String ANY = "*";
  public static final Duration DEFAULT_JWKS_REFRESH = Duration.ofMinutes(10);

  public AuthConfig {
    if ((jwtSecret == null || jwtSecret.isBlank()) && (jwksUrl == null || jwksUrl.isBlank())) {
      throw new IllegalArgumentException("Set JWT_SECRET or JWKS_URL");
    }
    roles = List.copyOf(roles);
    Objects.requireNonNull(jwksRefresh, "jwksRefresh");
    if (jwksRefresh.isNegative() || jwksRefresh.isZero()) {
      throw new IllegalArgumentException("JWKS_REFRESH_MS must be > 0");
    }
  }

  /** Supabase's claims: any issuer, audience and role {@code authenticated}. */
  public AuthConfig(String jwtSecret, String jwksUrl) {
    this(jwtSecret, jwksUrl, null, SUPABASE_AUDIENCE, SUPABASE_ROLES, DEFAULT_JWKS_REFRESH);
  }

  /**
   * Reads JWT_SECRET / JWKS_URL, JWT_ISSUER (default: any), JWT_AUDIENCE (default
   * {@code authenticated}), JWT_ROLES (comma-separated, default {@code authenticated}; {@code *}
   * accepts any) and JWKS_REFRESH_MS (600000). {@code fallbackSecret} is standalone's generated key.
   */
  public static AuthConfig fromEnv(Env env, String fallbackSecret) {
    String audience = env.get("JWT_AUDIENCE", SUPABASE_AUDIENCE);
    String roles = env.get("JWT_ROLES", String.join(",", SUPABASE_ROLES));
    List<String> accepted = roles.equals(ANY) ? List.of()
        : Arrays.stream(roles.split(",")).map(String::trim).filter(role -> !role.isEmpty()).toList();
    if (accepted.isEmpty() && !roles.equals(ANY)) {
      throw new IllegalArgumentException("JWT_ROLES names no role; give roles or " + ANY + " for any");
    }
    return new AuthConfig(env.get("JWT_SECRET", env.optional("JWKS_URL").isPresent() ? null : fallbackSecret),
        env.optional("JWKS_URL").orElse(null), env.optional("JWT_ISSUER").orElse(null),
        audience.equals(ANY) ? null : audience, accepted,
        Duration.ofMillis(env.getInt("JWKS_REFRESH_MS", (int) DEFAULT_JWKS_REFRESH.toMillis())));
  }

  /** The {@code aud} tokens issued here carry: the one checked, or Supabase's when any is accepted. */
  public String issuedAudience() {
    return audience == null ? SUPABASE_AUDIENCE : audience;
  }

  @Override
  public String toString() {
    return "AuthConfig[" + (jwksUrl != null ? "jwks=" + jwksUrl + ", refresh=" + jwksRefresh.toMillis() + "ms" : "hs256")
        + ", iss=" + (issuer == null ? ANY : issuer) + ", aud=" + (audience == null ? ANY : audience)
        + ", roles=" + (roles.isEmpty() ? ANY : String.join(",", roles)) + "]";
  }
}
