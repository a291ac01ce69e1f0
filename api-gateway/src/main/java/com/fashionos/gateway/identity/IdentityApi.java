package com.fashionos.gateway.identity;

import com.fashionos.gateway.AccessLog;
import com.fashionos.gateway.identity.IdentityStore.LogoutScope;
import com.fashionos.gateway.identity.IdentityStore.User;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.auth.Principal;
import com.fashionos.platform.auth.SecretTokens;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * The standalone identity: the part of the Supabase Auth API a frontend uses (sign up, sign in
 * with a password, refresh, current user, sign out), answering in Supabase's shapes so
 * supabase-js works against it. Access tokens are HS256 JWTs with Supabase's claims, their
 * issuer and audience those the services check (JWT_ISSUER, JWT_AUDIENCE); refresh
 * tokens are random, stored hashed and replaced on every use; reusing a spent one ends its session.
 */
public final class IdentityApi {
  static final long ACCESS_TOKEN_SECONDS = 3600;
  static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);
  static final int MIN_PASSWORD = 8;
  static final int MAX_FULL_NAME = 200;
  static final int MAX_METADATA_JSON = 4096;

  private final IdentityStore store;
  private final Passwords passwords;
  private final JWTAuth signer;
  /** Null: tokens carry no {@code iss} (none is checked). */
  private final String issuer;
  private final String audience;

  private IdentityApi(IdentityStore store, Passwords passwords, JWTAuth signer, String issuer, String audience) {
    this.store = store;
    this.passwords = passwords;
    this.signer = signer;
    this.issuer = issuer;
    this.audience = audience;
  }

  /**
   * {@code database} is the opened {@code identity} schema; access tokens are signed with
   * {@code auth}'s secret and carry the issuer and audience it checks.
   */
  public static Future<IdentityApi> create(Vertx vertx, Database database, AuthConfig auth) {
    return Passwords.create(vertx).map(passwords -> new IdentityApi(
        new IdentityStore(database.pool(), REFRESH_TOKEN_LIFETIME), passwords, TokenVerifier.signer(vertx, auth.jwtSecret()),
        auth.issuer(), auth.issuedAudience()));
  }

  /** Adds {@code /auth/v1/signup}, {@code /token}, {@code /user} and {@code /logout}. */
  public void mount(Router router, TokenVerifier verifier) {
    router.post("/auth/v1/signup").handler(handle(this::signUp));
    router.post("/auth/v1/token").handler(handle(this::token));
    router.get("/auth/v1/user").handler(handle(ctx -> bearer(ctx, verifier)
        .compose(principal -> store.find(principal.userId()))
        .map(user -> {
          if (user == null) throw new ApiException(401, "user_not_found", "User from the access token no longer exists");
          return userJson(user);
        })
        .compose(user -> Responses.json(ctx, 200, user))));
    router.post("/auth/v1/logout").handler(handle(ctx -> logout(ctx, verifier)));
  }

  /** Fields supabase-js adds to sign-up and sign-in bodies; they carry nothing this identity uses. */
  private static final String[] SUPABASE_CLIENT_FIELDS = {"gotrue_meta_security", "code_challenge", "code_challenge_method"};

  private Future<Void> signUp(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx).ignoring(SUPABASE_CLIENT_FIELDS);
    String email = email(body);
    String password = body.string("password", true, Passwords.MAX_BYTES);
    if (password != null && password.length() < MIN_PASSWORD) {
      body.fail("password", "must be at least " + MIN_PASSWORD + " characters");
    } else if (password != null && Passwords.tooLong(password)) {
      body.fail("password", "must be at most " + Passwords.MAX_BYTES + " bytes in UTF-8");
    }
    JsonObject metadata = metadata(body);
    body.validate();
    return passwords.hash(password)
        .compose(hash -> store.insert(UUID.randomUUID(), email, hash, metadata))
        .compose(user -> {
          if (user == null) {
            throw ApiException.unprocessable("user_already_exists", "User already registered", List.of());
          }
          return startSession(ctx, user.id());
        });
  }

  private Future<Void> token(RoutingContext ctx) {
    String grant = ctx.queryParams().get("grant_type");
    if ("password".equals(grant)) return signIn(ctx);
    if ("refresh_token".equals(grant)) return refresh(ctx);
    throw new ApiException(400, "unsupported_grant_type", "grant_type must be password or refresh_token",
        List.of(new ApiException.FieldIssue("grant_type", "must be password or refresh_token")));
  }

  private Future<Void> signIn(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx).ignoring(SUPABASE_CLIENT_FIELDS);
    String email = email(body);
    // No minimum here: a short password is simply wrong, and says nothing about the account.
    String password = body.string("password", true, Passwords.MAX_BYTES);
    body.validate();
    return store.findByEmail(email)
        .compose(found -> passwords.verify(password, found == null ? null : found.passwordHash())
            .map(matches -> {
              // One answer for an unknown address and a wrong password: existence does not leak.
              if (!matches) throw new ApiException(400, "invalid_credentials", "Invalid login credentials");
              return found.user().id();
            }))
        .compose(userId -> startSession(ctx, userId));
  }

  private Future<Void> refresh(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String oldToken = body.string("refresh_token", true, 200);
    body.validate();
    String newToken = SecretTokens.newToken();
    return store.rotate(oldToken, newToken).compose(rotation -> {
      if (rotation.refusal() != null) {
        throw new ApiException(400, rotation.refusal(), rotation.refusal().equals("refresh_token_already_used")
            ? "Invalid Refresh Token: Already Used" : "Invalid Refresh Token: Refresh Token Not Found");
      }
      return store.find(rotation.userId()).compose(user -> {
        if (user == null) throw new ApiException(400, "user_not_found", "User no longer exists");
        return respondWithSession(ctx, user, rotation.sessionId(), newToken);
      });
    });
  }

  private Future<Void> logout(RoutingContext ctx, TokenVerifier verifier) {
    LogoutScope scope;
    try {
      scope = LogoutScope.valueOf(ctx.queryParams().get("scope") == null ? "GLOBAL"
          : ctx.queryParams().get("scope").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("scope", "must be global, local or others");
    }
    return bearer(ctx, verifier)
        .compose(principal -> store.revoke(principal.userId(), sessionId(ctx), scope))
        .compose(v -> ctx.response().setStatusCode(204).end());
  }

  private Future<Void> startSession(RoutingContext ctx, UUID userId) {
    UUID sessionId = UUID.randomUUID();
    String refreshToken = SecretTokens.newToken();
    return store.startSession(userId, sessionId, refreshToken)
        .compose(user -> respondWithSession(ctx, user, sessionId, refreshToken));
  }

  private Future<Void> respondWithSession(RoutingContext ctx, User user, UUID sessionId, String refreshToken) {
    AccessLog.user(ctx, user.id());
    long issuedAt = System.currentTimeMillis() / 1000;
    long expiresAt = issuedAt + ACCESS_TOKEN_SECONDS;
    JsonObject claims = new JsonObject()
        .put("sub", user.id().toString())
        .put("aud", audience)
        .put("role", "authenticated")
        .put("email", user.email())
        .put("iat", issuedAt)
        .put("exp", expiresAt)
        .put("session_id", sessionId.toString())
        .put("app_metadata", appMetadata())
        .put("user_metadata", user.metadata())
        .put("is_anonymous", false);
    if (issuer != null) claims.put("iss", issuer);
    return Responses.json(ctx, 200, new JsonObject()
        .put("access_token", signer.generateToken(claims))
        .put("token_type", "bearer")
        .put("expires_in", ACCESS_TOKEN_SECONDS)
        .put("expires_at", expiresAt)
        .put("refresh_token", refreshToken)
        .put("user", userJson(user)));
  }

  /** Supabase's user object; every account is confirmed (there is no e-mail step standalone). */
  private JsonObject userJson(User user) {
    return new JsonObject()
        .put("id", user.id().toString())
        .put("aud", audience)
        .put("role", "authenticated")
        .put("email", user.email())
        .put("email_confirmed_at", iso(user.createdAt()))
        .put("confirmed_at", iso(user.createdAt()))
        .put("last_sign_in_at", iso(user.lastSignInAt()))
        .put("app_metadata", appMetadata())
        .put("user_metadata", user.metadata())
        .put("identities", new JsonArray())
        .put("created_at", iso(user.createdAt()))
        .put("updated_at", iso(user.updatedAt()))
        .put("is_anonymous", false);
  }

  private static JsonObject appMetadata() {
    return new JsonObject().put("provider", "email").put("providers", new JsonArray().add("email"));
  }

  private static String iso(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }

  /** The address, trimmed and lower-cased (Supabase keeps addresses lower-case too). */
  private static String email(RequestBody body) {
    return body.email("email", true);
  }

  /** Signup's {@code data}, kept whole as user_metadata; {@code full_name} is checked if sent. */
  private static JsonObject metadata(RequestBody body) {
    JsonObject data = body.object("data", false);
    if (data == null) return new JsonObject();
    Object fullName = data.getValue("full_name");
    if (fullName != null && !(fullName instanceof String name && name.length() <= MAX_FULL_NAME)) {
      body.fail("data.full_name", "must be a string of at most " + MAX_FULL_NAME + " characters");
    }
    if (data.encode().length() > MAX_METADATA_JSON) {
      body.fail("data", "must be at most " + MAX_METADATA_JSON + " characters as JSON");
    }
    return data;
  }

  private static Future<Principal> bearer(RoutingContext ctx, TokenVerifier verifier) {
    String token = bearerToken(ctx);
    if (token == null) return Future.failedFuture(ApiException.unauthorized("Send an access token: Authorization: Bearer <token>"));
    return verifier.verify(token).onSuccess(principal -> AccessLog.user(ctx, principal.userId()));
  }

  private static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
  }

  /** The session claim of the (already verified) access token, if it has one. */
  private static UUID sessionId(RoutingContext ctx) {
    String[] parts = bearerToken(ctx).split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    try {
      return UUID.fromString(claims.getString("session_id", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Runs a handler; any failure, thrown or returned, is answered in Supabase-compatible form. */
  private static Handler<RoutingContext> handle(Function<RoutingContext, Future<Void>> work) {
    return ctx -> {
      Future<Void> done;
      try {
        done = work.apply(ctx);
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      done.onFailure(e -> ctx.fail(SupabaseError.of(e)));
    };
  }
}
