package com.fashionos.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tokens of an OIDC provider, checked against its JWKS served by a real HTTP server: fetched at
 * start, again when a rotated key appears (but not whenever a token names an unknown key) and on
 * a timer; issuer and audience checked as for HS256.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JwksTokenVerifierTest {
  private static final UUID USER = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final String ISSUER = "https://idp.example.com/";
  private static final String AUDIENCE = "fashionos-app";
  private static final Duration NO_TIMED_REFRESH = Duration.ofHours(1);
  private static Vertx vertx;
  private static RsaKey first;
  private static RsaKey second;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    first = RsaKey.generate("kid1");
    second = RsaKey.generate("kid2");
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void startFailsWithOneLineWhenTheKeySetCannotBeFetched() {
    HttpServer closed = vertx.createHttpServer().requestHandler(request -> request.response().end())
        .listen(0, "127.0.0.1").await();
    int deadPort = closed.actualPort();
    closed.close().await();
    assertThatThrownBy(() -> TokenVerifier.create(vertx, config("http://127.0.0.1:" + deadPort + "/jwks", NO_TIMED_REFRESH)).await())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("JWKS_URL http://127.0.0.1:" + deadPort + "/jwks could not be fetched: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    try (JwksServer idp = JwksServer.start()) {
      assertThatThrownBy(() -> TokenVerifier.create(vertx, config(idp.url() + "-nowhere", NO_TIMED_REFRESH)).await())
          .hasMessageEndingWith("it answered 404");
      assertThatThrownBy(() -> TokenVerifier.create(vertx, config(idp.url(), NO_TIMED_REFRESH)).await())
          .hasMessageEndingWith("it lists no keys");
      assertThatThrownBy(() -> TokenVerifier.create(vertx, config(idp.url() + "-page", NO_TIMED_REFRESH)).await())
          .hasMessageStartingWith("JWKS_URL " + idp.url() + "-page could not be fetched: ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void aKeyAddedAfterStartIsFetchedWhenATokenNamesIt() {
    try (JwksServer idp = JwksServer.start(first)) {
      TokenVerifier verifier = TokenVerifier.create(vertx, config(idp.url(), NO_TIMED_REFRESH)).await();
      assertThat(verifier.verify(first.sign(claims())).await().userId()).isEqualTo(USER);
      assertThat(idp.fetches()).isEqualTo(1);

      idp.serve(first, second);
      assertThat(verifier.verify(second.sign(claims())).await().userId()).isEqualTo(USER);
      assertThat(idp.fetches()).isEqualTo(2);
      // Known keys need no fetch.
      assertThat(verifier.verify(first.sign(claims())).await().userId()).isEqualTo(USER);
      assertThat(verifier.verify(second.sign(claims())).await().userId()).isEqualTo(USER);
      assertThat(idp.fetches()).isEqualTo(2);
    }
  }

  @Test
  void tokensNamingUnknownKeysCauseOneFetchPerThirtySeconds() {
    try (JwksServer idp = JwksServer.start(first)) {
      TokenVerifier verifier = TokenVerifier.create(vertx, config(idp.url(), NO_TIMED_REFRESH)).await();
      List<Future<Principal>> flood = new ArrayList<>();
      for (int i = 0; i < 50; i++) flood.add(verifier.verify(first.signAs("made-up-" + i, claims())));
      for (Future<Principal> attempt : flood) assertUnauthorized(attempt, "");
      for (int i = 0; i < 50; i++) assertUnauthorized(verifier.verify(first.signAs("later-" + i, claims())), "");
      assertThat(idp.fetches()).as("the start's fetch and one shared refetch").isEqualTo(2);

      // The price: a key rotated in right after a flood waits for the interval (or the timer).
      idp.serve(first, second);
      assertUnauthorized(verifier.verify(second.sign(claims())), "");
      assertThat(idp.fetches()).isEqualTo(2);
      assertThat(TokenVerifier.MISS_REFETCH_INTERVAL).isEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void theKeySetIsFetchedAgainOnATimer() {
    try (JwksServer idp = JwksServer.start(first)) {
      Promise<Void> rotated = Promise.promise();
      idp.onFetch(4, rotated);
      TokenVerifier verifier = TokenVerifier.create(vertx, config(idp.url(), Duration.ofMillis(100))).await();
      idp.serve(second);
      rotated.future().timeout(10, TimeUnit.SECONDS).await();
      // The timer's fetch dropped the retired key without any token asking.
      assertUnauthorized(verifier.verify(first.sign(claims())), "");
      assertThat(verifier.verify(second.sign(claims())).await().userId()).isEqualTo(USER);
    }
  }

  @Test
  void aTokenOfAnotherIssuerOrAudienceIsRefused() {
    try (JwksServer idp = JwksServer.start(first)) {
      TokenVerifier verifier = TokenVerifier.create(vertx, config(idp.url(), NO_TIMED_REFRESH)).await();
      assertUnauthorized(verifier.verify(first.sign(claims().put("iss", "https://evil.example.com/"))), "iss");
      JsonObject noIssuer = claims();
      noIssuer.remove("iss");
      assertUnauthorized(verifier.verify(first.sign(noIssuer)), "iss");
      assertUnauthorized(verifier.verify(first.sign(claims().put("aud", "another-app"))), "aud");
      assertUnauthorized(verifier.verify(first.sign(claims().put("exp", Instant.now().getEpochSecond() - 60))), "");
      assertThat(verifier.verify(first.sign(claims())).await().userId()).isEqualTo(USER);
    }
  }

  @Test
  void aTokenSignedByAnotherKeyUnderAKnownIdIsRefused() {
    try (JwksServer idp = JwksServer.start(first)) {
      TokenVerifier verifier = TokenVerifier.create(vertx, config(idp.url(), NO_TIMED_REFRESH)).await();
      assertUnauthorized(verifier.verify(second.signAs("kid1", claims())), "");
      assertThat(idp.fetches()).isEqualTo(1);
    }
  }

  private static AuthConfig config(String jwksUrl, Duration refresh) {
    return new AuthConfig(null, jwksUrl, ISSUER, AUDIENCE, List.of(), refresh);
  }

  private static JsonObject claims() {
    long now = Instant.now().getEpochSecond();
    return new JsonObject().put("sub", USER.toString()).put("iss", ISSUER).put("aud", AUDIENCE)
        .put("iat", now).put("exp", now + 3600);
  }

  private static void assertUnauthorized(Future<?> verified, String because) {
    assertThatThrownBy(verified::await).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).contains(because);
    });
  }

  /** An RSA signing key of the provider, published as a JWK under {@code kid}. */
  private record RsaKey(String kid, KeyPair pair) {
    static RsaKey generate(String kid) throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new RsaKey(kid, generator.generateKeyPair());
    }

    JsonObject jwk() {
      RSAPublicKey key = (RSAPublicKey) pair.getPublic();
      return new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
          .put("n", base64(unsigned(key.getModulus()))).put("e", base64(unsigned(key.getPublicExponent())));
    }

    String sign(JsonObject claims) {
      return signAs(kid, claims);
    }

    /** An RS256 JWT by this key whose header names {@code headerKid}. */
    String signAs(String headerKid, JsonObject claims) {
      String header = new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", headerKid).encode();
      String input = base64(header.getBytes(StandardCharsets.UTF_8)) + "." + base64(claims.encode().getBytes(StandardCharsets.UTF_8));
      try {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(pair.getPrivate());
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + base64(rsa.sign());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private static byte[] unsigned(BigInteger value) {
      byte[] bytes = value.toByteArray();
      return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(byte[] bytes) {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
  }

  /** The provider's JWKS endpoint at {@code /jwks}: serves the keys it is given and counts its fetches. */
  private static final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile JsonObject body = new JsonObject().put("keys", new JsonArray());
    private volatile int notifyAt = -1;
    private volatile Promise<Void> reached;

    private JwksServer() {
      server = vertx.createHttpServer().requestHandler(request -> {
        if (request.path().equals("/jwks-page")) {
          request.response().putHeader("Content-Type", "text/html").end("<html>\n<body>Sign in</body>\n</html>\n");
          return;
        }
        if (!request.path().equals("/jwks")) {
          request.response().setStatusCode(404).end();
          return;
        }
        int count = fetches.incrementAndGet();
        request.response().putHeader("Content-Type", "application/json").end(body.encode());
        if (count == notifyAt) reached.tryComplete();
      }).listen(0, "127.0.0.1").await();
    }

    static JwksServer start(RsaKey... keys) {
      JwksServer idp = new JwksServer();
      idp.serve(keys);
      return idp;
    }

    void serve(RsaKey... keys) {
      body = new JsonObject().put("keys", new JsonArray(Arrays.stream(keys).map(RsaKey::jwk).toList()));
    }

    /** Completes {@code promise} when the {@code count}th fetch has been answered. */
    void onFetch(int count, Promise<Void> promise) {
      reached = promise;
      notifyAt = count;
    }

    String url() {
      return "http://127.0.0.1:" + server.actualPort() + "/jwks";
    }

    int fetches() {
      return fetches.get();
    }

    @Override
    public void close() {
      server.close().await();
    }
  }
}
