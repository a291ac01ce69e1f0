package com.fashionos.platform.kafka;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every consumer that changes a service's database: each record's effect runs once
 * (deduplicated by record id in the effect's own transaction) and offsets are committed only
 * after the whole polled batch is durable. A failed effect restarts the consumer from the last
 * committed offset, so nothing is skipped.
 */
public abstract class ChangeRecordConsumer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeRecordConsumer.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long RESTART_MS = 1_000;

  private final KafkaConfig kafka;
  private final String groupId;
  private final List<Topics.Topic> topics;
  protected final Database database;
  private KafkaConsumer<String, String> consumer;
  private boolean stopped;

  protected ChangeRecordConsumer(KafkaConfig kafka, String groupId, List<Topics.Topic> topics, Database database) {
    this.kafka = kafka;
    this.groupId = groupId;
    this.topics = topics;
    this.database = database;
  }

  /** The effect of one record, inside the transaction that also marks it processed. */
  protected abstract Future<Void> apply(Transaction tx, ChangeRecord record);

  /** Called once a record's effect is committed (a hook for waking whoever acts on it). */
  protected void committed(ChangeRecord record) {}

  @Override
  public Future<?> start() {
    return subscribe().onSuccess(v -> vertx.runOnContext(x -> pollLoop()));
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return consumer == null ? Future.succeededFuture() : consumer.close();
  }

  private Future<Void> subscribe() {
    consumer = KafkaConsumer.create(vertx, KafkaClients.consumerConfig(kafka, groupId));
    Set<String> names = topics.stream().map(t -> Topics.name(kafka, t)).collect(Collectors.toSet());
    return consumer.subscribe(names);
  }

  private void pollLoop() {
    if (stopped) return;
    consumer.poll(POLL)
        .compose(this::applyAll)
        .compose(count -> count == 0 ? Future.succeededFuture() : consumer.commit())
        .onSuccess(v -> pollLoop())
        .onFailure(this::restart);
  }

  private Future<Integer> applyAll(KafkaConsumerRecords<String, String> records) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      chain = chain.compose(v -> applyOne(record));
    }
    return chain.map(records.size());
  }

  private Future<Void> applyOne(KafkaConsumerRecord<String, String> record) {
    ChangeRecord change;
    try {
      change = record.value() == null ? null : ChangeRecord.fromJson(new JsonObject(record.value()));
    } catch (RuntimeException e) {
      change = null;
    }
    if (change == null) {
      LOG.warn("{} skips a record that is not a FashionOS CloudEvent at {}-{}@{}", groupId, record.topic(),
          record.partition(), record.offset());
      return Future.succeededFuture();
    }
    ChangeRecord parsed = change;
    return database.applyOnce(groupId, parsed.id(), record.topic(), Mutation.internal(null), tx -> apply(tx, parsed))
        .onSuccess(applied -> {
          if (applied) committed(parsed);
        })
        .mapEmpty();
  }

  /** Starts again from the last committed offset; applied records are deduplicated. */
  private void restart(Throwable failure) {
    if (stopped) return;
    LOG.warn("{} failed to apply a record, restarting from the last committed offset: {}", groupId, failure.toString());
    consumer.close().onComplete(closed -> vertx.setTimer(RESTART_MS, id -> {
      if (stopped) return;
      subscribe().onSuccess(v -> pollLoop()).onFailure(this::restart);
    }));
  }
}
