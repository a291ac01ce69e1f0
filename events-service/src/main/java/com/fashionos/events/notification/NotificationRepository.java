package com.fashionos.events.notification;

import com.fashionos.events.activity.ActivityCursor;
import com.fashionos.platform.db.NamedStatements;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** SQL of the notifications inbox; statements in {@code NotificationRepository.sql}. */
final class NotificationRepository {
  private static final NamedStatements SQL = NamedStatements.forClass(NotificationRepository.class);

  /** The new notification's id, or null when the record was seen already or its event is unknown here. */
  Future<UUID> insert(SqlConnection conn, UUID eventId, Notifications.Notice notice, UUID sourceRecordId) {
    return conn.preparedQuery(SQL.get("insert")).execute(Tuple.from(Arrays.asList(notice.userId(), eventId,
            notice.kind(), notice.taskId(), notice.taskName(), notice.role(), notice.actor(),
            notice.actedAt().atOffset(ZoneOffset.UTC), sourceRecordId)))
        .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  /** The notifications as the inbox lists them, of those ids the caller may read (in no order). */
  Future<List<JsonObject>> items(SqlConnection conn, List<UUID> ids) {
    return conn.preparedQuery(SQL.get("items")).execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(NotificationRepository::items);
  }

  Future<JsonArray> page(SqlConnection conn, UUID userId, boolean unreadOnly, ActivityCursor before, int limit) {
    return conn.preparedQuery(SQL.get("page")).execute(Tuple.from(Arrays.asList(userId, unreadOnly,
            before == null ? null : before.actedAt(), before == null ? null : before.createdAt(),
            before == null ? null : before.id(), limit)))
        .map(rows -> (JsonArray) rows.iterator().next().getValue("notifications"));
  }

  Future<Long> unreadCount(SqlConnection conn, UUID userId) {
    return conn.preparedQuery(SQL.get("unread_count")).execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next().getLong("unread"));
  }

  /** The person's unread notifications: all of them when {@code ids} is null, else those of {@code ids}. */
  Future<List<JsonObject>> unread(SqlConnection conn, UUID userId, List<UUID> ids) {
    return conn.preparedQuery(SQL.get("unread_items"))
        .execute(Tuple.from(Arrays.asList(userId, ids == null ? null : ids.toArray(UUID[]::new))))
        .map(NotificationRepository::items);
  }

  /** Marks read those still unread; answers their ids. */
  Future<List<UUID>> markRead(SqlConnection conn, List<UUID> ids) {
    return conn.preparedQuery(SQL.get("mark_read")).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
      List<UUID> marked = new ArrayList<>();
      for (Row row : rows) marked.add(row.getUUID("id"));
      return marked;
    });
  }

  private static List<JsonObject> items(RowSet<Row> rows) {
    List<JsonObject> items = new ArrayList<>();
    for (Row row : rows) items.add((JsonObject) row.getValue("item"));
    return items;
  }
}
