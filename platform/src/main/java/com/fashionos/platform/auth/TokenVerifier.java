package com.fashionos.platform.auth;

import com.fashionos.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/** Verifies access tokens (signature, expiry) and turns them into a {@link Principal}. */
public final class TokenVerifier {
  private final JWTAuth jwt;

  private TokenVerifier(JWTAuth jwt) {
    this.jwt = jwt;
  }

  /** For HS256 this is immediate; for a JWKS URL the key set is fetched once at start. */
  public static Future<TokenVerifier> create(Vertx vertx, AuthConfig config) {
    if (config.jwksUrl() == null) {
      return Future.succeededFuture(new TokenVerifier(JWTAuth.create(vertx, hs256(config.jwtSecret()))));
    }
    WebClient client = WebClient.create(vertx);
    return client.getAbs(config.jwksUrl()).send()
        .map(response -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException("JWKS_URL answered " + response.statusCode());
          }
          List<JsonObject> keys = response.bodyAsJsonObject().getJsonArray("keys").stream()
              .map(JsonObject.class::cast).toList();
          return new TokenVerifier(JWTAuth.create(vertx, new JWTAuthOptions().setJwks(keys)));
        })
        .onComplete(done -> client.close());
  }

  static JWTAuthOptions hs256(String secret) {
    return new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret));
  }

  /** An HS256 signer for the standalone identity endpoint. */
  public static JWTAuth signer(Vertx vertx, String secret) {
    return JWTAuth.create(vertx, hs256(secret).setJWTOptions(new JWTOptions().setAlgorithm("HS256")));
  }

  public Future<Principal> verify(String token) {
    return verifySession(token).map(Session::principal);
  }

  /** A verified token's person and when the token stops being valid (null when it never does). */
  public record Session(Principal principal, java.time.Instant expiresAt) {}

  /** Like {@link #verify}, with the expiry: long-lived connections end their session at that time. */
  public Future<Session> verifySession(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(ApiException.unauthorized("Invalid or expired access token")))
        .map(user -> {
          Principal principal = Principal.fromClaims(user.principal());
          if (principal == null) throw ApiException.unauthorized("Access token has no user id (sub)");
          // Vert.x keeps the token's timing claims in the user's attributes.
          Long exp = user.principal().getLong("exp", user.attributes().getLong("exp",
              user.attributes().getJsonObject("accessToken", new io.vertx.core.json.JsonObject()).getLong("exp")));
          return new Session(principal, exp == null ? null : java.time.Instant.ofEpochSecond(exp));
        });
  }
}
