package com.fashionos.events.summary;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.kafka.ChangeRecordConsumer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * Keeps a summary another service publishes as one row per event (tasks-service's
 * {@code event_progress}, budget-service's {@code budget_status}); every other record of its topic
 * is left alone.
 */
abstract class SummaryProjection extends ChangeRecordConsumer {
  private final String table;

  SummaryProjection(KafkaConfig kafka, String groupId, Topics.Topic topic, String table, Database database) {
    super(kafka, groupId, List.of(topic), database);
    this.table = table;
  }

  /** Applies the summary row as it is after the change. */
  protected abstract Future<Void> apply(Transaction tx, UUID eventId, JsonObject row, RowChange change);

  @Override
  protected final Future<Void> apply(Transaction tx, ChangeRecord record) {
    if (record.eventId() == null || !RowChange.isRowChange(record.type())) return Future.succeededFuture();
    RowChange change = RowChange.fromJson(record.data());
    if (!table.equals(change.table()) || change.newRow() == null) return Future.succeededFuture();
    return apply(tx, record.eventId(), change.newRow(), change);
  }
}
