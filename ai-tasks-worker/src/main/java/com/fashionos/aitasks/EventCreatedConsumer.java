package com.fashionos.aitasks;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.EventCreated;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.kafka.ChangeRecordConsumer;
import io.vertx.core.Future;
import java.util.List;

/** Every created event gets one generation job; the generator is woken once the job is stored. */
final class EventCreatedConsumer extends ChangeRecordConsumer {
  private final GenerationJobs jobs = new GenerationJobs();

  EventCreatedConsumer(KafkaConfig kafka, Database database) {
    super(kafka, "ai-tasks-worker.event-created", List.of(Topics.EVENTS), database);
  }

  @Override
  protected Future<Void> apply(Transaction tx, ChangeRecord record) {
    if (!EventCreated.TYPE.equals(record.type())) return Future.succeededFuture();
    return jobs.add(tx.sql(), EventCreated.fromJson(record.data()));
  }

  @Override
  protected void committed(ChangeRecord record) {
    if (EventCreated.TYPE.equals(record.type())) vertx.eventBus().send(PlanGenerator.WAKE_UP, null);
  }
}
