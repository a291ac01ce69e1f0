package com.fashionos.platform.auth;

import com.fashionos.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.List;

/**
 * Verifies access tokens (signature, expiry, audience, role) and turns them into a
 * {@link Principal}. A token must expire ({@code exp}): one without would be valid forever.
 */
public final class TokenVerifier {
  private final JWTAuth jwt;
  private final AuthConfig config;

  private TokenVerifier(JWTAuth jwt, AuthConfig config) {
    this.jwt = jwt;
    this.config = config;
  }

  /** For HS256 this is immediate; for a JWKS URL the key set is fetched once at start. */
  public static Future<TokenVerifier> create(Vertx vertx, AuthConfig config) {
    if (config.jwksUrl() == null) {
      return Future.succeededFuture(new TokenVerifier(JWTAuth.create(vertx, hs256(config.jwtSecret())), config));
    }
    WebClient client = WebClient.create(vertx);
    return client.getAbs(config.jwksUrl()).send()
        .map(response -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException("JWKS_URL answered " + response.statusCode());
          }
          List<JsonObject> keys = response.bodyAsJsonObject().getJsonArray("keys").stream()
              .map(JsonObject.class::cast).toList();
          return new TokenVerifier(JWTAuth.create(vertx, new JWTAuthOptions().setJwks(keys)), config);
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

  /** A verified token's person and when the token stops being valid. */
  public record Session(Principal principal, Instant expiresAt) {}

  /** Like {@link #verify}, with the expiry: long-lived connections end their session at that time. */
  public Future<Session> verifySession(String token) {
    // compose: Vert.x throws, rather than fails, on some malformed claims (a text exp).
    return Future.succeededFuture().compose(v -> jwt.authenticate(new TokenCredentials(token)))
        .recover(e -> Future.failedFuture(ApiException.unauthorized("Invalid or expired access token")))
        .map(user -> {
          JsonObject claims = claims(user);
          if (!(claims.getValue("exp") instanceof Number exp)) {
            throw ApiException.unauthorized("Access token has no expiry (exp)");
          }
          if (config.audience() != null && !names(claims.getValue("aud"), config.audience())) {
            throw ApiException.unauthorized("Access token is not for this audience (aud)");
          }
          if (!config.roles().isEmpty() && !(claims.getValue("role") instanceof String role && config.roles().contains(role))) {
            throw ApiException.unauthorized("Access token's role is not a signed-in user's (role)");
          }
          Principal principal = Principal.fromClaims(claims);
          if (principal == null) throw ApiException.unauthorized("Access token has no user id (sub)");
          return new Session(principal, Instant.ofEpochSecond(exp.longValue()));
        });
  }

  /** The token's payload: Vert.x keeps it in the user's attributes, the principal holds the raw token. */
  private static JsonObject claims(User user) {
    JsonObject payload = user.attributes().getJsonObject("accessToken");
    return payload != null ? payload : user.principal();
  }

  /** {@code aud} is a string or an array of strings (RFC 7519, 4.1.3). */
  private static boolean names(Object aud, String audience) {
    return aud instanceof JsonArray list ? list.contains(audience) : audience.equals(aud);
  }
}
