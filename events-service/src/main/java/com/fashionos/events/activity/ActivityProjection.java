package com.fashionos.events.activity;

import com.fashionos.events.EventsChangeRecords;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.ChangeSuperseded;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.kafka.ChangeRecordConsumer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The team activity feed: one human entry per row change of any service's change topic. Each
 * entry is itself published (resource activity_entry, and its row of activity_logs) so open
 * screens see it arrive.
 */
public final class ActivityProjection extends ChangeRecordConsumer {
  /** Tables whose changes are not things a team does on an event. */
  private static final Set<String> NOT_ACTIVITY = Set.of("activity_logs", "profiles", "sponsors", "designers", "venues");
  private final ActivityRepository activity = new ActivityRepository();

  public ActivityProjection(KafkaConfig kafka, Database database) {
    super(kafka, "events-service.activity",
        List.of(Topics.EVENTS, Topics.TASKS, Topics.BUDGET, Topics.FILES), database);
  }

  @Override
  protected Future<Void> apply(Transaction tx, ChangeRecord record) {
    if (record.eventId() == null) return Future.succeededFuture();
    if (ChangeSuperseded.isChangeSuperseded(record.type())) return superseded(tx, record);
    if (!RowChange.isRowChange(record.type())) return Future.succeededFuture();
    RowChange change = RowChange.fromJson(record.data());
    if (NOT_ACTIVITY.contains(change.table()) || change.actor() == null) return Future.succeededFuture();
    JsonObject row = change.row();
    UUID member = "event_team".equals(change.table()) ? uuid(row, "user_id") : null;
    return activity.names(tx.sql(), change.actor(), member, uuid(row, "sponsor_id"), uuid(row, "designer_id"))
        .compose(names -> {
          ActivityDescriber.Entry entry = ActivityDescriber.describe(change, names);
          if (entry == null) return Future.succeededFuture();
          JsonObject metadata = new JsonObject()
              .put("table", change.table())
              .put("operation", change.operation().name().toLowerCase(java.util.Locale.ROOT))
              .put("row_id", row.getString("id"))
              .put("changed_fields", change.changedFields())
              .put("recorded_at", change.recordedAt().toString())
              .put("source", record.source());
          return record(tx, record, change.actor(), entry, metadata, change.actedAt());
        });
  }

  private Future<Void> superseded(Transaction tx, ChangeRecord record) {
    ChangeSuperseded lost = ChangeSuperseded.fromJson(record.data());
    return activity.names(tx.sql(), lost.actor(), null, null, null).compose(names -> record(tx, record, lost.actor(),
        ActivityDescriber.superseded(lost, names.actor()),
        new JsonObject().put("table", lost.table()).put("row_id", lost.rowId()).put("superseded_fields", lost.fields())
            .put("recorded_at", lost.recordedAt().toString()).put("source", record.source()),
        lost.actedAt()));
  }

  /** Stores the entry once and publishes it for live feeds: its row, and the entry as the feed shows it. */
  private Future<Void> record(Transaction tx, ChangeRecord record, UUID actor, ActivityDescriber.Entry entry,
      JsonObject metadata, java.time.Instant actedAt) {
    return activity.insert(tx.sql(), record.eventId(), actor, entry, metadata, record.id(), actedAt)
        .compose(inserted -> inserted == null ? Future.succeededFuture()
            : tx.publishRowChange(record.eventId(), "activity_logs", Operation.INSERT, inserted, null)
                .compose(v -> activity.entry(tx.sql(), UUID.fromString(inserted.getString("id"))))
                .compose(shown -> tx.publishResourceChange(record.eventId(), EventsChangeRecords.ACTIVITY_ENTRY, shown,
                    null, true)));
  }

  private static UUID uuid(JsonObject row, String field) {
    String value = row.getString(field);
    return value == null ? null : UUID.fromString(value);
  }
}
