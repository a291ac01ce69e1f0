package com.fashionos.gateway.identity;

import com.fashionos.platform.db.NamedStatements;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The identity schema's users and refresh tokens. It runs on the schema owner's pool: identity
 * has no per-user row level security to enforce (each statement is about the one user the
 * request proved to be, or is signing up), unlike the services' request paths.
 */
final class IdentityStore {
  private static final NamedStatements SQL = NamedStatements.forClass(IdentityStore.class);
  private final Pool pool;
  private final Duration refreshTokenLifetime;

  IdentityStore(Pool pool, Duration refreshTokenLifetime) {
    this.pool = pool;
    this.refreshTokenLifetime = refreshTokenLifetime;
  }

  record User(UUID id, String email, JsonObject metadata, OffsetDateTime createdAt, OffsetDateTime updatedAt,
      OffsetDateTime lastSignInAt) {}

  record Credentials(User user, String passwordHash) {}

  /** The session a refresh token continues, or the Supabase error code saying why it does not. */
  record Rotation(UUID userId, UUID sessionId, String refusal) {}

  enum LogoutScope { GLOBAL, LOCAL, OTHERS }

  /** The new user, or null when the address is already registered. */
  Future<User> insert(UUID id, String email, String passwordHash, JsonObject metadata) {
    return pool.preparedQuery(SQL.get("insert_user")).execute(Tuple.of(id, email, passwordHash, metadata))
        .map(IdentityStore::user);
  }

  /** The user and password hash behind an address (any letter case), or null. */
  Future<Credentials> findByEmail(String email) {
    return pool.preparedQuery(SQL.get("find_by_email")).execute(Tuple.of(email)).map(rows -> {
      User user = user(rows);
      return user == null ? null : new Credentials(user, rows.iterator().next().getString("password_hash"));
    });
  }

  Future<User> find(UUID id) {
    return pool.preparedQuery(SQL.get("find_by_id")).execute(Tuple.of(id)).map(IdentityStore::user);
  }

  /** Starts a session: notes the sign-in and stores its first refresh token. */
  Future<User> startSession(UUID userId, UUID sessionId, String refreshToken) {
    return pool.withTransaction(conn -> conn.preparedQuery(SQL.get("signed_in")).execute(Tuple.of(userId))
        .compose(rows -> storeToken(conn, refreshToken, userId, sessionId).map(user(rows))));
  }

  /**
   * Spends {@code oldToken} and stores {@code newToken} for the same session, atomically: a token
   * works once, and of two concurrent refreshes with it only one gets a new token. A spent token
   * seen again was copied (or the session's owner and a thief both hold it): the whole session
   * ends, its newest token included, as Supabase Auth does on refresh-token reuse.
   */
  Future<Rotation> rotate(String oldToken, String newToken) {
    Buffer oldHash = hash(oldToken);
    return pool.withTransaction(conn -> conn.preparedQuery(SQL.get("use_refresh_token")).execute(Tuple.of(oldHash))
        .compose(used -> {
          if (used.size() == 1) {
            Row row = used.iterator().next();
            UUID userId = row.getUUID("user_id");
            UUID sessionId = row.getUUID("session_id");
            return storeToken(conn, newToken, userId, sessionId).map(new Rotation(userId, sessionId, null));
          }
          return conn.preparedQuery(SQL.get("find_refresh_token")).execute(Tuple.of(oldHash))
              .compose(found -> {
                Row spent = found.size() == 1 ? found.iterator().next() : null;
                if (spent == null || spent.getOffsetDateTime("revoked_at") == null) {
                  return Future.succeededFuture(new Rotation(null, null, "refresh_token_not_found"));
                }
                return conn.preparedQuery(SQL.get("revoke_session")).execute(Tuple.of(spent.getUUID("session_id")))
                    .map(new Rotation(null, null, "refresh_token_already_used"));
              });
        }));
  }

  Future<Void> revoke(UUID userId, UUID sessionId, LogoutScope scope) {
    return switch (scope) {
      case GLOBAL -> pool.preparedQuery(SQL.get("revoke_user")).execute(Tuple.of(userId)).mapEmpty();
      case LOCAL -> sessionId == null ? Future.succeededFuture()
          : pool.preparedQuery(SQL.get("revoke_session")).execute(Tuple.of(sessionId)).mapEmpty();
      case OTHERS -> pool.preparedQuery(SQL.get("revoke_other_sessions"))
          .execute(Tuple.of(userId, sessionId == null ? new UUID(0, 0) : sessionId)).mapEmpty();
    };
  }

  private Future<Void> storeToken(SqlConnection conn, String token, UUID userId, UUID sessionId) {
    return conn.preparedQuery(SQL.get("delete_expired")).execute(Tuple.of(userId))
        .compose(deleted -> conn.preparedQuery(SQL.get("insert_refresh_token"))
            .execute(Tuple.of(hash(token), userId, sessionId, (double) refreshTokenLifetime.toSeconds())))
        .mapEmpty();
  }

  private static User user(RowSet<Row> rows) {
    if (rows.size() == 0) return null;
    Row row = rows.iterator().next();
    return new User(row.getUUID("id"), row.getString("email"), row.getJsonObject("user_metadata"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"),
        row.getOffsetDateTime("last_sign_in_at"));
  }

  /** Tokens are random and long, so one unsalted SHA-256 is enough to make a stolen table useless. */
  private static Buffer hash(String token) {
    try {
      return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
