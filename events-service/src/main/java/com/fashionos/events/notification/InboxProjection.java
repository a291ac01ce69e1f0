package com.fashionos.events.notification;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.kafka.ChangeRecordConsumer;
import io.vertx.core.Future;
import java.util.List;

/**
 * Fills each person's inbox from the task and team changes ({@link Notifications} says who hears
 * of what) and publishes each new notification, which the realtime gateway pushes to that person.
 * One notification per change record, however often it is delivered.
 */
public final class InboxProjection extends ChangeRecordConsumer {
  private final NotificationRepository notifications = new NotificationRepository();

  public InboxProjection(KafkaConfig kafka, Database database) {
    super(kafka, "events-service.inbox", List.of(Topics.EVENTS, Topics.TASKS), database);
  }

  @Override
  protected Future<Void> apply(Transaction tx, ChangeRecord record) {
    if (record.eventId() == null || !RowChange.isRowChange(record.type())) return Future.succeededFuture();
    return Notifications.of(RowChange.fromJson(record.data()))
        .map(notice -> notifications.insert(tx.sql(), record.eventId(), notice, record.id())
            .compose(id -> id == null ? Future.succeededFuture() : notifications.items(tx.sql(), List.of(id))
                .compose(items -> tx.publishResourceChange(record.eventId(), Notifications.NOTIFICATION,
                    items.get(0), null, true))))
        .orElse(Future.succeededFuture());
  }
}
