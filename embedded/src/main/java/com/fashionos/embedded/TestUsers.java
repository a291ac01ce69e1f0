package com.fashionos.embedded;

import com.fashionos.platform.auth.TokenVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.UUID;

/**
 * Signs Supabase-compatible access tokens for test users with a test HS256 secret, so service
 * tests need no identity server.
 */
public final class TestUsers {
  public static final String SECRET = "test-only-secret-of-at-least-32-bytes!";
  private final JWTAuth signer;

  public TestUsers(Vertx vertx) {
    this.signer = TokenVerifier.signer(vertx, SECRET);
  }

  /** A person with an id, an e-mail and a valid one-hour token. */
  public record User(UUID id, String email, String name, String token) {}

  public User create(String name) {
    UUID id = UUID.randomUUID();
    String email = name.toLowerCase().replaceAll("[^a-z]+", ".") + "." + id.toString().substring(0, 8) + "@example.com";
    return user(id, email, name);
  }

  public User user(UUID id, String email, String name) {
    return new User(id, email, name, token(id, email, name, 3600));
  }

  public String token(UUID id, String email, String name, int expiresInSeconds) {
    JsonObject claims = new JsonObject()
        .put("sub", id.toString())
        .put("email", email)
        .put("role", "authenticated")
        .put("aud", "authenticated")
        .put("user_metadata", new JsonObject().put("full_name", name));
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(expiresInSeconds));
  }
}
