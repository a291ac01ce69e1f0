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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies access tokens (signature, expiry, issuer, audience, role) and turns them into a
 * {@link Principal}. A token must expire ({@code exp}): one without would be valid forever.
 *
 * <p>With a JWKS URL the key set is fetched at start, again every {@link AuthConfig#jwksRefresh},
 * and again when a token names a key id ({@code kid}) the set lacks: the provider rotated its
 * keys. That last fetch happens at most once per {@link #MISS_REFETCH_INTERVAL} and is shared by
 * every request waiting on it, so tokens with made-up key ids cannot make us hammer the provider.
 */
public final class TokenVerifier {
  static final Duration MISS_REFETCH_INTERVAL = Duration.ofSeconds(30);
  private static final long FETCH_TIMEOUT_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);

  private final Vertx vertx;
  private final AuthConfig config;
  /** Null for HS256: there is nothing to fetch. */
  private final WebClient client;
  private volatile KeySet keys;
  /** The fetch under way, which every caller shares; guarded by {@code this}. */
  private Future<KeySet> fetching;
  /** When an unknown key id last caused a fetch (System.nanoTime); guarded by {@code this}. */
  private long lastMissFetch;
  private boolean missFetched;

  /** The verifying keys and the key ids among them. */
  private record KeySet(JWTAuth jwt, Set<String> kids) {}

  private TokenVerifier(Vertx vertx, AuthConfig config, WebClient client, KeySet keys) {
    this.vertx = vertx;
    this.config = config;
    this.client = client;
    this.keys = keys;
  }

  /**
   * For HS256 this is immediate. For a JWKS URL the key set must be fetched now: a service that
   * cannot check any token fails to start, with the cause on one line. The refresh timer belongs
   * to the calling verticle, so undeploying it stops the refreshes.
   */
  public static Future<TokenVerifier> create(Vertx vertx, AuthConfig config) {
    if (config.jwksUrl() == null) {
      KeySet secret = new KeySet(JWTAuth.create(vertx, hs256(config.jwtSecret())), Set.of());
      return Future.succeededFuture(new TokenVerifier(vertx, config, null, secret));
    }
    WebClient client = WebClient.create(vertx);
    TokenVerifier verifier = new TokenVerifier(vertx, config, client, null);
    return verifier.fetch()
        .recover(e -> {
          client.close();
          return Future.failedFuture(new IllegalStateException(
              "JWKS_URL " + config.jwksUrl() + " could not be fetched: " + firstLine(e)));
        })
        .map(keys -> {
          verifier.keys = keys;
          vertx.setPeriodic(config.jwksRefresh().toMillis(), id -> verifier.refetch());
          return verifier;
        });
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
    return keysFor(token).compose(current -> current.jwt().authenticate(new TokenCredentials(token)))
        .recover(e -> Future.failedFuture(ApiException.unauthorized("Invalid or expired access token")))
        .map(user -> {
          JsonObject claims = claims(user);
          if (!(claims.getValue("exp") instanceof Number exp)) {
            throw ApiException.unauthorized("Access token has no expiry (exp)");
          }
          if (config.issuer() != null && !config.issuer().equals(claims.getValue("iss"))) {
            throw ApiException.unauthorized("Access token is from another issuer (iss)");
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

  /** The keys to check {@code token} with: fetched again first if it names a key id we lack. */
  private Future<KeySet> keysFor(String token) {
    KeySet current = keys;
    if (client == null) return Future.succeededFuture(current);
    String kid = kid(token);
    if (kid == null || current.kids().contains(kid)) return Future.succeededFuture(current);
    synchronized (this) {
      if (fetching == null) {
        long now = System.nanoTime();
        if (missFetched && now - lastMissFetch < MISS_REFETCH_INTERVAL.toNanos()) return Future.succeededFuture(current);
        missFetched = true;
        lastMissFetch = now;
      }
    }
    // A failed fetch keeps the keys we have; the token is then refused like any unknown key's.
    return refetch().recover(e -> Future.succeededFuture(keys));
  }

  /** Joins the fetch under way or starts one; a success replaces the key set. */
  private Future<KeySet> refetch() {
    synchronized (this) {
      if (fetching != null) return fetching;
      Future<KeySet> started = fetch();
      fetching = started;
      started.onComplete(done -> {
        synchronized (this) {
          if (fetching == started) fetching = null;
        }
        if (done.succeeded()) {
          keys = done.result();
        } else {
          LOG.warn("JWKS_URL {} could not be fetched, keeping the keys we have: {}", config.jwksUrl(),
              done.cause().getMessage());
        }
      });
      return started;
    }
  }

  /** One GET of the key set, parsed; a throw anywhere becomes the failure. */
  private Future<KeySet> fetch() {
    return Future.succeededFuture().compose(v -> client.getAbs(config.jwksUrl()).timeout(FETCH_TIMEOUT_MS).send())
        .map(response -> {
          if (response.statusCode() != 200) throw new IllegalStateException("it answered " + response.statusCode());
          JsonArray listed = response.bodyAsJsonObject().getJsonArray("keys");
          if (listed == null || listed.isEmpty()) throw new IllegalStateException("it lists no keys");
          List<JsonObject> jwks = listed.stream().map(JsonObject.class::cast).toList();
          Set<String> kids = jwks.stream().map(key -> key.getValue("kid")).filter(Objects::nonNull)
              .map(Object::toString).collect(Collectors.toUnmodifiableSet());
          return new KeySet(JWTAuth.create(vertx, new JWTAuthOptions().setJwks(jwks)), kids);
        });
  }

  /** Parsers' messages run over several lines (the input quoted); start-up failures get one. */
  private static String firstLine(Throwable e) {
    return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
  }

  /** The header's {@code kid}, or null (none, or not a JWT: the signature check refuses that). */
  private static String kid(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) return null;
    try {
      byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
      return new JsonObject(new String(header, StandardCharsets.UTF_8)).getString("kid");
    } catch (RuntimeException e) {
      return null;
    }
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
