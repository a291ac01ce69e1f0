package com.fashionos.events.team;

import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.http.RequestBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.UUID;

/** SQL of event_team; statements in {@code TeamRepository.sql}. */
public final class TeamRepository {
  private static final NamedStatements SQL = NamedStatements.forClass(TeamRepository.class);

  public Future<JsonArray> list(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("list_members")).execute(Tuple.of(eventId))
        .map(rows -> (JsonArray) rows.iterator().next().getValue("team"));
  }

  /** A teammate with their name, as answers show them. */
  public Future<JsonObject> member(SqlConnection conn, UUID eventId, UUID userId) {
    return conn.preparedQuery(SQL.get("member")).execute(Tuple.of(eventId, userId))
        .map(rows -> rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("member"));
  }

  public Future<JsonObject> add(SqlConnection conn, UUID eventId, UUID userId, TeamRole role, TeamPermission permissions) {
    return conn.preparedQuery(SQL.get("add_member"))
        .execute(Tuple.of(eventId, userId, RequestBody.wireName(role), RequestBody.wireName(permissions)))
        .map(TeamRepository::row);
  }

  Future<Boolean> userExists(SqlConnection conn, UUID userId) {
    return conn.preparedQuery(SQL.get("user_exists")).execute(Tuple.of(userId)).map(rows -> rows.rowCount() > 0);
  }

  Future<JsonObject> find(SqlConnection conn, UUID eventId, UUID userId) {
    return conn.preparedQuery(SQL.get("find_member")).execute(Tuple.of(eventId, userId)).map(TeamRepository::row);
  }

  Future<JsonObject> change(SqlConnection conn, UUID eventId, UUID userId, TeamRole role, TeamPermission permissions) {
    return conn.preparedQuery(SQL.get("change_member")).execute(Tuple.from(Arrays.asList(eventId, userId,
            role == null ? null : RequestBody.wireName(role),
            permissions == null ? null : RequestBody.wireName(permissions))))
        .map(TeamRepository::row);
  }

  Future<JsonObject> remove(SqlConnection conn, UUID eventId, UUID userId) {
    return conn.preparedQuery(SQL.get("remove_member")).execute(Tuple.of(eventId, userId)).map(TeamRepository::row);
  }

  private static JsonObject row(RowSet<Row> rows) {
    return rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("row");
  }
}
