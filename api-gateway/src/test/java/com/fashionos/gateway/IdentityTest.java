package com.fashionos.gateway;

import static com.fashionos.gateway.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fashionos.embedded.OpenApiContract;
import com.fashionos.embedded.TestEngines;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.auth.Principal;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.config.Env;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The standalone identity against a real PostgreSQL: Supabase Auth's sign-up, sign-in, refresh, user, logout. */
@ExtendWith({VertxExtension.class, TestEngines.class})
class IdentityTest {
  private static final String SECRET = "identity-test-secret-identity-test";
  private static final String PASSWORD = "correct horse battery";

  private static Vertx vertx;
  private static WebClient http;
  private static ApiGatewayVerticle gateway;
  private static TokenVerifier verifier;
  private static TestEngines.Stack engines;

  @BeforeAll
  static void setUp(Vertx v, TestEngines.Stack stack) {
    vertx = v;
    engines = stack;
    http = WebClient.create(vertx);
    gateway = new ApiGatewayVerticle(new GatewayConfig(0, List.of(), 0, true, List.of(), Duration.ofSeconds(5)),
        new AuthConfig(SECRET, null), stack.freshDatabase());
    await(vertx.deployVerticle(gateway));
    verifier = await(TokenVerifier.create(vertx, new AuthConfig(SECRET, null)));
  }

  private static HttpResponse<Buffer> post(String uri, Object body) {
    var request = http.post(gateway.actualPort(), "127.0.0.1", uri).putHeader("Content-Type", "application/json");
    String sent = body instanceof JsonObject json ? json.encode() : body.toString();
    return documented("POST", uri, sent, await(request.sendBuffer(Buffer.buffer(sent))));
  }

  private static HttpResponse<Buffer> withToken(String method, String uri, String accessToken) {
    var request = method.equals("GET") ? http.get(gateway.actualPort(), "127.0.0.1", uri)
        : http.post(gateway.actualPort(), "127.0.0.1", uri);
    if (accessToken != null) request.putHeader("Authorization", "Bearer " + accessToken);
    return documented(method, uri, null, await(request.send()));
  }

  /** The exchange, once held to docs/openapi.yaml (as TestApi holds every other test's). */
  private static HttpResponse<Buffer> documented(String method, String uri, String body, HttpResponse<Buffer> response) {
    OpenApiContract contract = OpenApiContract.enabled();
    if (contract != null) contract.check(method, uri, body, response.statusCode(), response.bodyAsString());
    return response;
  }

  private static JsonObject signUp(String email, String fullName) {
    var response = post("/auth/v1/signup", new JsonObject().put("email", email).put("password", PASSWORD)
        .put("data", new JsonObject().put("full_name", fullName)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> signIn(String email, String password) {
    return post("/auth/v1/token?grant_type=password", new JsonObject().put("email", email).put("password", password));
  }

  private static HttpResponse<Buffer> refresh(String refreshToken) {
    return post("/auth/v1/token?grant_type=refresh_token", new JsonObject().put("refresh_token", refreshToken));
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private static JsonObject error(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getJsonObject("error").getString("code")).isEqualTo(code);
    // supabase-js reads these two.
    assertThat(body.getString("error_code")).isEqualTo(code);
    assertThat(body.getString("msg")).isEqualTo(body.getJsonObject("error").getString("message"));
    return body;
  }

  private static List<String> fields(JsonObject error) {
    JsonArray details = error.getJsonObject("error").getJsonArray("details", new JsonArray());
    return details.stream().map(d -> ((JsonObject) d).getString("field")).collect(Collectors.toList());
  }

  private static JsonObject claims(String accessToken) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  @Test
  void signUpAnswersASessionWithSupabaseClaims() {
    String email = unique("ada");
    JsonObject session = signUp(email, "Ada Lovelace");

    assertThat(session.getString("token_type")).isEqualTo("bearer");
    assertThat(session.getLong("expires_in")).isEqualTo(3600);
    assertThat(session.getString("refresh_token")).hasSizeGreaterThanOrEqualTo(40);
    JsonObject user = session.getJsonObject("user");
    assertThat(user.getString("email")).isEqualTo(email);
    assertThat(user.getJsonObject("user_metadata").getString("full_name")).isEqualTo("Ada Lovelace");
    assertThat(UUID.fromString(user.getString("id"))).isNotNull();

    JsonObject claims = claims(session.getString("access_token"));
    assertThat(claims.getString("sub")).isEqualTo(user.getString("id"));
    assertThat(claims.getString("email")).isEqualTo(email);
    assertThat(claims.getString("role")).isEqualTo("authenticated");
    assertThat(claims.getString("aud")).isEqualTo("authenticated");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(3600);
    assertThat(session.getLong("expires_at")).isEqualTo(claims.getLong("exp"));
    assertThat(claims.getJsonObject("user_metadata").getString("full_name")).isEqualTo("Ada Lovelace");

    // Every service verifies it with the same platform verifier.
    Principal principal = await(verifier.verify(session.getString("access_token")));
    assertThat(principal.userId()).hasToString(user.getString("id"));
    assertThat(principal.fullName()).isEqualTo("Ada Lovelace");
  }

  @Test
  void theTokensCarryTheIssuerAndAudienceTheServicesCheck() {
    AuthConfig auth = new AuthConfig(SECRET, null, "https://fashionos.example/auth/v1", "fashionos-app",
        AuthConfig.SUPABASE_ROLES, AuthConfig.DEFAULT_JWKS_REFRESH);
    ApiGatewayVerticle configured = new ApiGatewayVerticle(new GatewayConfig(0, List.of(), 0, true, List.of(),
        Duration.ofSeconds(5)), auth, engines.freshDatabase());
    String deployment = await(vertx.deployVerticle(configured));
    try {
      var response = await(http.post(configured.actualPort(), "127.0.0.1", "/auth/v1/signup")
          .sendJsonObject(new JsonObject().put("email", unique("katherine")).put("password", PASSWORD)));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      String token = response.bodyAsJsonObject().getString("access_token");
      assertThat(claims(token).getString("iss")).isEqualTo("https://fashionos.example/auth/v1");
      assertThat(claims(token).getString("aud")).isEqualTo("fashionos-app");
      assertThat(response.bodyAsJsonObject().getJsonObject("user").getString("aud")).isEqualTo("fashionos-app");
      assertThat(await(await(TokenVerifier.create(vertx, auth)).verify(token)).userId())
          .hasToString(response.bodyAsJsonObject().getJsonObject("user").getString("id"));
      // A service still expecting Supabase's audience refuses them: the settings must agree.
      assertThatThrownBy(() -> await(verifier.verify(token))).hasMessageContaining("aud");
    } finally {
      await(vertx.undeploy(deployment));
    }
  }

  @Test
  void theIdentityIsOffUnlessAskedFor() {
    GatewayConfig unset = GatewayConfig.fromEnv(new Env(Map.of("PORT", "0", "BIND_HOST", "127.0.0.1")));
    ApiGatewayVerticle production = new ApiGatewayVerticle(unset, new AuthConfig(SECRET, null), null);
    String deployment = await(vertx.deployVerticle(production));
    try {
      var signup = await(http.post(production.actualPort(), "127.0.0.1", "/auth/v1/signup")
          .sendJsonObject(new JsonObject().put("email", unique("nobody")).put("password", PASSWORD)));
      assertThat(signup.statusCode()).as(signup.bodyAsString()).isEqualTo(404);
      assertThat(await(http.get(production.actualPort(), "127.0.0.1", "/auth/v1/user").send()).statusCode())
          .isEqualTo(404);
    } finally {
      await(vertx.undeploy(deployment));
    }
  }

  @Test
  void signsInWithThePasswordWhateverTheAddressCase() {
    String email = unique("grace");
    String id = signUp(email, "Grace Hopper").getJsonObject("user").getString("id");

    var response = signIn(email.toUpperCase(), PASSWORD);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject session = response.bodyAsJsonObject();
    assertThat(session.getJsonObject("user").getString("id")).isEqualTo(id);
    assertThat(session.getJsonObject("user").getString("last_sign_in_at")).isNotNull();
    assertThat(claims(session.getString("access_token")).getString("sub")).isEqualTo(id);
  }

  @Test
  void acceptsTheBodiesSupabaseJsSends() {
    String email = unique("kat");
    var signUp = post("/auth/v1/signup", new JsonObject().put("email", email).put("password", PASSWORD)
        .put("data", new JsonObject()).put("gotrue_meta_security", new JsonObject())
        .put("code_challenge", null).put("code_challenge_method", null));
    assertThat(signUp.statusCode()).as(signUp.bodyAsString()).isEqualTo(200);
    var signIn = post("/auth/v1/token?grant_type=password", new JsonObject().put("email", email)
        .put("password", PASSWORD).put("gotrue_meta_security", new JsonObject()));
    assertThat(signIn.statusCode()).as(signIn.bodyAsString()).isEqualTo(200);
    // Other unknown fields are still refused, as on every endpoint.
    assertThat(fields(error(post("/auth/v1/token?grant_type=password", new JsonObject().put("email", email)
        .put("password", PASSWORD).put("remember_me", true)), 400, "validation_failed"))).contains("remember_me");
  }

  @Test
  void refreshRotatesTheTokenAndRefusesTheOldOne() {
    JsonObject first = signUp(unique("linus"), "Linus");
    var second = refresh(first.getString("refresh_token"));
    assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(200);
    JsonObject rotated = second.bodyAsJsonObject();
    assertThat(rotated.getString("refresh_token")).isNotEqualTo(first.getString("refresh_token"));
    assertThat(rotated.getJsonObject("user").getString("id")).isEqualTo(first.getJsonObject("user").getString("id"));
    assertThat(claims(rotated.getString("access_token")).getString("session_id"))
        .isEqualTo(claims(first.getString("access_token")).getString("session_id"));

    error(refresh("never-issued-token"), 400, "refresh_token_not_found");
    var third = refresh(rotated.getString("refresh_token"));
    assertThat(third.statusCode()).as(third.bodyAsString()).isEqualTo(200);
    assertThat(refresh(third.bodyAsJsonObject().getString("refresh_token")).statusCode()).isEqualTo(200);
  }

  @Test
  void reusingASpentRefreshTokenEndsTheWholeSession() {
    String email = unique("ken");
    JsonObject first = signUp(email, "Ken Thompson");
    JsonObject laptop = signIn(email, PASSWORD).bodyAsJsonObject();
    JsonObject rotated = refresh(first.getString("refresh_token")).bodyAsJsonObject();
    JsonObject newest = refresh(rotated.getString("refresh_token")).bodyAsJsonObject();

    // Someone replays the first token (stolen, say): refused, and the session's family is revoked ...
    JsonObject reuse = error(refresh(first.getString("refresh_token")), 400, "refresh_token_already_used");
    assertThat(reuse.getString("msg")).contains("Already Used");
    // ... so the newest token of that session, whoever holds it, no longer works either.
    error(refresh(newest.getString("refresh_token")), 400, "refresh_token_already_used");
    error(refresh(rotated.getString("refresh_token")), 400, "refresh_token_already_used");
    // Another session of the same user (another device) goes on.
    var other = refresh(laptop.getString("refresh_token"));
    assertThat(other.statusCode()).as(other.bodyAsString()).isEqualTo(200);
  }

  @Test
  void returnsTheCurrentUser() {
    JsonObject session = signUp(unique("alan"), "Alan Turing");
    var me = withToken("GET", "/auth/v1/user", session.getString("access_token"));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(session.getJsonObject("user").getString("id"));
    assertThat(me.bodyAsJsonObject().getJsonObject("user_metadata").getString("full_name")).isEqualTo("Alan Turing");

    error(withToken("GET", "/auth/v1/user", null), 401, "unauthorized");
    error(withToken("GET", "/auth/v1/user", "garbage"), 401, "unauthorized");
    long now = System.currentTimeMillis() / 1000;
    String expired = TokenVerifier.signer(vertx, SECRET).generateToken(new JsonObject()
        .put("sub", session.getJsonObject("user").getString("id")).put("iat", now - 7200).put("exp", now - 3600));
    error(withToken("GET", "/auth/v1/user", expired), 401, "unauthorized");
  }

  @Test
  void logoutRevokesEveryRefreshTokenOfTheUser() {
    String email = unique("barbara");
    JsonObject phone = signUp(email, "Barbara Liskov");
    JsonObject laptop = signIn(email, PASSWORD).bodyAsJsonObject();

    var out = withToken("POST", "/auth/v1/logout", phone.getString("access_token"));
    assertThat(out.statusCode()).isEqualTo(204);
    error(refresh(phone.getString("refresh_token")), 400, "refresh_token_already_used");
    error(refresh(laptop.getString("refresh_token")), 400, "refresh_token_already_used");
    error(withToken("POST", "/auth/v1/logout", null), 401, "unauthorized");
  }

  @Test
  void localLogoutEndsOnlyThatSession() {
    String email = unique("frances");
    JsonObject phone = signUp(email, "Frances Allen");
    JsonObject laptop = signIn(email, PASSWORD).bodyAsJsonObject();

    assertThat(withToken("POST", "/auth/v1/logout?scope=local", phone.getString("access_token")).statusCode())
        .isEqualTo(204);
    error(refresh(phone.getString("refresh_token")), 400, "refresh_token_already_used");
    assertThat(refresh(laptop.getString("refresh_token")).statusCode()).isEqualTo(200);
    error(withToken("POST", "/auth/v1/logout?scope=everywhere", laptop.getString("access_token")), 400,
        "validation_failed");
  }

  @Test
  void wrongPasswordAndUnknownAddressGetTheSameAnswerInTheSameTime() {
    String email = unique("edsger");
    signUp(email, "Edsger Dijkstra");

    List<Long> wrongMs = new ArrayList<>();
    List<Long> unknownMs = new ArrayList<>();
    JsonObject wrongBody = null;
    JsonObject unknownBody = null;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      var wrong = signIn(email, "not the password");
      wrongMs.add((System.nanoTime() - start) / 1_000_000);
      start = System.nanoTime();
      var unknown = signIn(unique("nobody"), "not the password");
      unknownMs.add((System.nanoTime() - start) / 1_000_000);
      wrongBody = error(wrong, 400, "invalid_credentials");
      unknownBody = error(unknown, 400, "invalid_credentials");
    }
    assertThat(unknownBody).isEqualTo(wrongBody);
    // Both run bcrypt once; without the dummy hash an unknown address would answer many times faster.
    long wrongMedian = wrongMs.stream().sorted().toList().get(1);
    long unknownMedian = unknownMs.stream().sorted().toList().get(1);
    assertThat(unknownMedian).isGreaterThan(wrongMedian / 3);
  }

  @Test
  void secondSignUpWithTheSameAddressIsRefused() {
    String email = unique("ken");
    signUp(email, "Ken Thompson");
    var again = post("/auth/v1/signup", new JsonObject().put("email", email.toUpperCase()).put("password", PASSWORD));
    JsonObject body = error(again, 422, "user_already_exists");
    assertThat(body.getString("msg")).isEqualTo("User already registered");
    // The first account still signs in with its own password.
    assertThat(signIn(email, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesBadSignUpsNamingTheField() {
    error(post("/auth/v1/signup", "{not json"), 400, "invalid_json");
    error(post("/auth/v1/signup", "[1,2]"), 400, "invalid_json");
    assertThat(fields(error(post("/auth/v1/signup", new JsonObject()), 400, "validation_failed")))
        .containsExactlyInAnyOrder("email", "password");
    assertThat(fields(error(post("/auth/v1/signup", new JsonObject().put("email", 42).put("password", true)
        .put("data", "Ada")), 400, "validation_failed")))
        .containsExactlyInAnyOrder("email", "password", "data");
    assertThat(fields(error(post("/auth/v1/signup", new JsonObject().put("email", "not-an-address")
        .put("password", PASSWORD)), 400, "validation_failed"))).containsExactly("email");
    assertThat(fields(error(post("/auth/v1/signup", new JsonObject().put("email", "x".repeat(250) + "@example.com")
        .put("password", PASSWORD)), 400, "validation_failed"))).containsExactly("email");
    assertThat(fields(error(post("/auth/v1/signup", new JsonObject().put("email", unique("short"))
        .put("password", "1234567")), 400, "validation_failed"))).containsExactly("password");
    // 36 two-byte characters: 72 characters' worth of room, but 72 bytes is bcrypt's limit.
    assertThat(fields(error(post("/auth/v1/signup", new JsonObject().put("email", unique("long"))
        .put("password", "é".repeat(37))), 400, "validation_failed"))).containsExactly("password");
    assertThat(fields(error(post("/auth/v1/signup", new JsonObject().put("email", unique("name"))
        .put("password", PASSWORD).put("data", new JsonObject().put("full_name", "n".repeat(201)))), 400,
        "validation_failed"))).containsExactly("data.full_name");
  }

  @Test
  void refusesBadTokenRequestsNamingTheField() {
    error(post("/auth/v1/token", new JsonObject()), 400, "unsupported_grant_type");
    error(post("/auth/v1/token?grant_type=magic", new JsonObject()), 400, "unsupported_grant_type");
    assertThat(fields(error(post("/auth/v1/token?grant_type=password", new JsonObject().put("email", "a@b.co")),
        400, "validation_failed"))).containsExactly("password");
    assertThat(fields(error(post("/auth/v1/token?grant_type=refresh_token", new JsonObject().put("refresh_token", 7)),
        400, "validation_failed"))).containsExactly("refresh_token");
    error(post("/auth/v1/token?grant_type=password", "{\"email\":"), 400, "invalid_json");
  }

  @Test
  void refusesBodiesOverOneMebibyte() {
    String huge = new JsonObject().put("email", unique("big")).put("password", PASSWORD)
        .put("data", new JsonObject().put("bio", "x".repeat(1024 * 1024))).encode();
    var response = post("/auth/v1/signup", huge);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("payload_too_large");
  }
}
