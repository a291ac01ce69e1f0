package com.fashionos.platform.auth;

import com.fashionos.platform.config.Env;
import java.util.Arrays;
import java.util.List;

/**
 * How access tokens are checked: an HS256 shared secret (Supabase's JWT secret, or the
 * standalone identity's key) or a JWKS URL (any OIDC provider). One of the two is required.
 *
 * @param audience the {@code aud} a token must name (Supabase: {@code authenticated}); null
 *     accepts any audience
 * @param roles the {@code role} claims accepted (Supabase: {@code authenticated}, so its
 *     {@code anon} key is no user); empty accepts any role, or none
 */
public record AuthConfig(String jwtSecret, String jwksUrl, String audience, List<String> roles) {
  public static final String SUPABASE_AUDIENCE = "authenticated";
  public static final List<String> SUPABASE_ROLES = List.of("authenticated");
  /** What JWT_AUDIENCE or JWT_ROLES say to switch their check off (a provider without those claims). */
  public static final String ANY = "*";

  public AuthConfig {
    if ((jwtSecret == null || jwtSecret.isBlank()) && (jwksUrl == null || jwksUrl.isBlank())) {
      throw new IllegalArgumentException("Set JWT_SECRET or JWKS_URL");
    }
    roles = List.copyOf(roles);
  }

  /** Supabase's claims: audience and role {@code authenticated}. */
  public AuthConfig(String jwtSecret, String jwksUrl) {
    this(jwtSecret, jwksUrl, SUPABASE_AUDIENCE, SUPABASE_ROLES);
  }

  /**
   * Reads JWT_SECRET / JWKS_URL, JWT_AUDIENCE (default {@code authenticated}) and JWT_ROLES
   * (comma-separated, default {@code authenticated}); {@code *} accepts any. {@code fallbackSecret}
   * is standalone's generated key.
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
        env.optional("JWKS_URL").orElse(null), audience.equals(ANY) ? null : audience, accepted);
  }

  @Override
  public String toString() {
    return "AuthConfig[" + (jwksUrl != null ? "jwks=" + jwksUrl : "hs256") + ", aud=" + (audience == null ? ANY : audience)
        + ", roles=" + (roles.isEmpty() ? ANY : String.join(",", roles)) + "]";
  }
}
