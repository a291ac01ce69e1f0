package com.fashionos.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.http.ApiException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What makes an access token acceptable: signature, expiry (required), issuer, audience and role. */
class TokenVerifierTest {
  private static final String SECRET = "token-verifier-test-secret-0123456789";
  private static final UUID USER = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static Vertx vertx;
  private static JWTAuth signer;
  private static TokenVerifier supabase;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    signer = TokenVerifier.signer(vertx, SECRET);
    supabase = TokenVerifier.create(vertx, new AuthConfig(SECRET, null)).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** Supabase's claims for a signed-in user, valid for an hour. */
  private static JsonObject claims() {
    long now = Instant.now().getEpochSecond();
    return new JsonObject().put("sub", USER.toString()).put("email", "sarah@example.com")
        .put("aud", "authenticated").put("role", "authenticated").put("iat", now).put("exp", now + 3600);
  }

  private static String sign(JsonObject claims) {
    return signer.generateToken(claims);
  }

  private static void assertRefused(TokenVerifier verifier, JsonObject claims, String because) {
    assertThatThrownBy(() -> verifier.verifySession(sign(claims)).await())
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.code()).isEqualTo("unauthorized");
          assertThat(e.getMessage()).contains(because);
        });
  }

  @Test
  void acceptsSupabaseClaimsAndReportsTheExpiry() {
    JsonObject claims = claims();
    TokenVerifier.Session session = supabase.verifySession(sign(claims)).await();
    assertThat(session.principal().userId()).isEqualTo(USER);
    assertThat(session.principal().email()).isEqualTo("sarah@example.com");
    assertThat(session.expiresAt()).isEqualTo(Instant.ofEpochSecond(claims.getLong("exp")));
  }

  @Test
  void anAudienceListNamingTheAudienceIsAccepted() {
    JsonObject claims = claims().put("aud", new JsonArray().add("other-api").add("authenticated"));
    assertThat(supabase.verify(sign(claims)).await().userId()).isEqualTo(USER);
  }

  @Test
  void aTokenWithoutExpiryIsRefused() {
    JsonObject claims = claims();
    claims.remove("exp");
    assertRefused(supabase, claims, "exp");
    assertRefused(supabase, claims().put("exp", "tomorrow"), "");
  }

  @Test
  void anExpiredTokenIsRefused() {
    long now = Instant.now().getEpochSecond();
    assertRefused(supabase, claims().put("iat", now - 7200).put("exp", now - 3600), "expired");
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    assertRefused(supabase, claims().put("aud", "another-project"), "aud");
    assertRefused(supabase, claims().put("aud", new JsonArray().add("another-project")), "aud");
    JsonObject none = claims();
    none.remove("aud");
    assertRefused(supabase, none, "aud");
  }

  @Test
  void theAnonRoleAndAMissingRoleAreRefused() {
    // Supabase's anon key is a signed token of the project: it must not pass as a user.
    assertRefused(supabase, claims().put("role", "anon"), "role");
    assertRefused(supabase, claims().put("role", "service_role"), "role");
    JsonObject none = claims();
    none.remove("role");
    assertRefused(supabase, none, "role");
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() {
    String forged = TokenVerifier.signer(vertx, "another-secret-another-secret-xx").generateToken(claims());
    assertThatThrownBy(() -> supabase.verify(forged).await())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void audienceAndRolesComeFromTheEnvironment() {
    AuthConfig defaults = AuthConfig.fromEnv(new Env(Map.of()), SECRET);
    assertThat(defaults.audience()).isEqualTo("authenticated");
    assertThat(defaults.roles()).containsExactly("authenticated");

    AuthConfig oidc = AuthConfig.fromEnv(new Env(Map.of("JWT_AUDIENCE", "fashionos-app",
        "JWT_ROLES", "authenticated, member")), SECRET);
    assertThat(oidc.audience()).isEqualTo("fashionos-app");
    assertThat(oidc.roles()).containsExactly("authenticated", "member");
    TokenVerifier verifier = TokenVerifier.create(vertx, oidc).await();
    assertThat(verifier.verify(sign(claims().put("aud", "fashionos-app").put("role", "member"))).await().userId())
        .isEqualTo(USER);
    assertRefused(verifier, claims(), "aud");

    // A provider whose tokens carry no role or a provider-specific audience: "*" turns a check off.
    AuthConfig any = AuthConfig.fromEnv(new Env(Map.of("JWT_AUDIENCE", "*", "JWT_ROLES", "*")), SECRET);
    assertThat(any.audience()).isNull();
    assertThat(any.roles()).isEmpty();
    JsonObject bare = claims();
    bare.remove("aud");
    bare.remove("role");
    assertThat(TokenVerifier.create(vertx, any).await().verify(sign(bare)).await().userId()).isEqualTo(USER);
    // ... but never the expiry.
    bare.remove("exp");
    assertRefused(TokenVerifier.create(vertx, any).await(), bare, "exp");

    assertThatThrownBy(() -> AuthConfig.fromEnv(new Env(Map.of("JWT_ROLES", " , ")), SECRET))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JWT_ROLES");
    assertThatThrownBy(() -> AuthConfig.fromEnv(new Env(Map.of("JWKS_REFRESH_MS", "0")), SECRET))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JWKS_REFRESH_MS");
    assertThat(new AuthConfig(SECRET, null).roles()).isEqualTo(List.of("authenticated"));
  }

  @Test
  void theIssuerIsCheckedWhenConfigured() {
    AuthConfig defaults = AuthConfig.fromEnv(new Env(Map.of()), SECRET);
    assertThat(defaults.issuer()).isNull();
    assertThat(defaults.jwksRefresh()).isEqualTo(Duration.ofMinutes(10));
    // Without JWT_ISSUER any issuer, or none, is accepted (Supabase's tokens name the project's).
    assertThat(supabase.verify(sign(claims().put("iss", "https://anything.example"))).await().userId()).isEqualTo(USER);

    AuthConfig strict = AuthConfig.fromEnv(new Env(Map.of("JWT_ISSUER", "https://project.supabase.co/auth/v1",
        "JWKS_REFRESH_MS", "60000")), SECRET);
    assertThat(strict.jwksRefresh()).isEqualTo(Duration.ofMinutes(1));
    TokenVerifier verifier = TokenVerifier.create(vertx, strict).await();
    assertThat(verifier.verify(sign(claims().put("iss", "https://project.supabase.co/auth/v1"))).await().userId())
        .isEqualTo(USER);
    assertRefused(verifier, claims().put("iss", "https://other.supabase.co/auth/v1"), "iss");
    assertRefused(verifier, claims(), "iss");
  }
}
