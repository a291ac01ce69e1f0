package com.fashionos.platform.db;

import com.fashionos.platform.change.ChangeRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** Appends change records to the service's outbox, inside the transaction of the change. */
final class Outbox {
  private static final NamedStatements SQL = NamedStatements.forClass(Outbox.class);
  private final String topic;

  Outbox(String topic) {
    this.topic = topic;
  }

  /** Appends many records in two round trips (one lock per distinct key, one batched insert). */
  Future<Void> appendAll(SqlConnection conn, java.util.List<ChangeRecord> records) {
    if (records.isEmpty()) return Future.succeededFuture();
    java.util.List<Tuple> keys = records.stream().map(ChangeRecord::key).distinct().sorted().map(Tuple::of).toList();
    java.util.List<Tuple> rows = records.stream()
        .map(r -> Tuple.of(r.id(), topic, r.key(), r.type(), r.toJson())).toList();
    return conn.preparedQuery(SQL.get("lock_key")).executeBatch(keys)
        .compose(locked -> conn.preparedQuery(SQL.get("append")).executeBatch(rows))
        .mapEmpty();
  }

  Future<Void> append(SqlConnection conn, ChangeRecord record) {
    return conn.preparedQuery(SQL.get("lock_key")).execute(Tuple.of(record.key()))
        .compose(locked -> conn.preparedQuery(SQL.get("append")).execute(
            Tuple.of(record.id(), topic, record.key(), record.type(), record.toJson())))
        .mapEmpty();
  }
}
