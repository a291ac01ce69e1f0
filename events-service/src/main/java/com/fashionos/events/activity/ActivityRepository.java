package com.fashionos.events.activity;

import com.fashionos.platform.db.NamedStatements;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/** SQL of activity_logs; statements in {@code ActivityRepository.sql}. */
final class ActivityRepository {
  private static final NamedStatements SQL = NamedStatements.forClass(ActivityRepository.class);

  Future<ActivityDescriber.Names> names(SqlConnection conn, UUID actor, UUID member, UUID sponsor, UUID designer) {
    return conn.preparedQuery(SQL.get("names")).execute(Tuple.from(Arrays.asList(actor, member, sponsor, designer)))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new ActivityDescriber.Names(row.getString("actor"), row.getString("member"),
              row.getString("sponsor"), row.getString("designer"));
        });
  }

  /** The new entry's row, or null when it already existed or its event is unknown here. */
  Future<JsonObject> insert(SqlConnection conn, UUID eventId, UUID userId, ActivityDescriber.Entry entry,
      JsonObject metadata, UUID sourceRecordId, Instant actedAt) {
    return conn.preparedQuery(SQL.get("insert_entry")).execute(Tuple.from(Arrays.asList(eventId, userId,
            entry.actionType(), entry.description(), metadata, sourceRecordId, actedAt.atOffset(ZoneOffset.UTC))))
        .map(rows -> rows.rowCount() == 0 ? null : (JsonObject) rows.iterator().next().getValue("row"));
  }

  /** An entry as the feed's pages show it. */
  Future<JsonObject> entry(SqlConnection conn, UUID id) {
    return conn.preparedQuery(SQL.get("entry")).execute(Tuple.of(id))
        .map(rows -> (JsonObject) rows.iterator().next().getValue("entry"));
  }

  Future<JsonArray> page(SqlConnection conn, UUID eventId, ActivityCursor before, int limit) {
    return conn.preparedQuery(SQL.get("page")).execute(Tuple.from(Arrays.asList(eventId,
            before == null ? null : before.actedAt(), before == null ? null : before.createdAt(),
            before == null ? null : before.id(), limit)))
        .map(rows -> (JsonArray) rows.iterator().next().getValue("activity"));
  }
}
