package com.fashionos.platform.db;

import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiResponse;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * {@code Idempotency-Key} semantics: the first request claims the key; its response is stored in
 * the same transaction as its effect; a replay gets that response again; the same key with a
 * different request is 422; a duplicate arriving while the first still runs is 409. A claim
 * left by a crashed request can be taken over after a minute.
 */
final class IdempotencyKeys {
  private static final NamedStatements SQL = NamedStatements.forClass(IdempotencyKeys.class);

  private IdempotencyKeys() {}

  /** Claims the key; answers the stored response when this is a replay, null when new. */
  static Future<ApiResponse> claim(SqlConnection conn, Mutation m) {
    Tuple key = Tuple.of(m.principal().userId(), m.idempotencyKey());
    return conn.preparedQuery(SQL.get("claim")).execute(Tuple.of(m.principal().userId(), m.idempotencyKey(), m.requestHash()))
        .compose(claimed -> claimed.rowCount() == 1 ? Future.succeededFuture((ApiResponse) null)
            : conn.preparedQuery(SQL.get("find")).execute(key).compose(found -> existing(conn, m, found.iterator().next())));
  }

  private static Future<ApiResponse> existing(SqlConnection conn, Mutation m, Row row) {
    if (!row.getString("request_hash").equals(m.requestHash())) {
      throw ApiException.unprocessable("idempotency_key_reused",
          "This Idempotency-Key was already used for a different request", java.util.List.of());
    }
    if (row.getValue("completed_at") != null) {
      return Future.succeededFuture(new ApiResponse(row.getInteger("status_code"), (JsonObject) row.getValue("response")));
    }
    if (!row.getBoolean("stale")) {
      throw ApiException.conflict("request_in_progress", "A request with this Idempotency-Key is still being processed");
    }
    return conn.preparedQuery(SQL.get("take_over")).execute(Tuple.of(m.principal().userId(), m.idempotencyKey()))
        .map(r -> (ApiResponse) null);
  }

  /**
   * Stores the answer with the effect. A claim that is gone was released by a stopping replica
   * ({@code Database.close}) and may already run again elsewhere: this transaction must not commit.
   */
  static Future<Void> complete(SqlConnection conn, Mutation m, ApiResponse response) {
    return conn.preparedQuery(SQL.get("complete"))
        .execute(Tuple.of(m.principal().userId(), m.idempotencyKey(), response.status(), response.body()))
        .compose(stored -> stored.rowCount() == 1 ? Future.succeededFuture()
            : Future.failedFuture(new ApiException(503, "stopping", "The service stopped before this request finished; retry it")));
  }

  static Future<Void> release(SqlConnection conn, Mutation m) {
    return conn.preparedQuery(SQL.get("release")).execute(Tuple.of(m.principal().userId(), m.idempotencyKey())).mapEmpty();
  }
}
