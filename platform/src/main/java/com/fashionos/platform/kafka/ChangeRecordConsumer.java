package com.fashionos.platform.kafka;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.health.Metrics;
import com.fashionos.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every consumer that changes a service's database: each record's effect runs once
 * (deduplicated by record id in the effect's own transaction) and offsets are committed only
 * after the whole polled batch is durable.
 *
 * <p>A record whose effect fails is tried again with backoff ({@link ConsumerSettings}); when
 * its tries are used up, or when it is not a FashionOS CloudEvent at all, it is parked in
 * {@code parked_records}, counted in {@code fashionos_consumer_parked_records_total}, and the
 * consumer goes on with the next record: one bad record never stops a consumer. A failure of the
 * database or the network is no fault of the record: such a record is tried again, never parked
 * (else an outage would park good records). A failure to poll, park or commit restarts the
 * consumer from the last committed offset, so nothing is skipped.
 */
public abstract class ChangeRecordConsumer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeRecordConsumer.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long RESTART_MS = 1_000;
  private static final long STOP_WAIT_MS = 2_000;
  private static final int MAX_ERROR_CHARS = 2_000;
  /** How often the consumer's processed records past their retention are pruned. */
  private static final long PRUNE_EVERY_MS = 10 * 60_000;
  /** SQLSTATE classes of the database's or the connection's trouble: connection, rollback, resources, operator, system. */
  private static final Set<String> TRANSIENT_STATES = Set.of("08", "40", "53", "55", "57", "58");

  private final KafkaConfig kafka;
  private final String groupId;
  private final List<Topics.Topic> topics;
  protected final Database database;
  private final ParkedRecords parked;
  private final ProcessedRecords processed;
  private long pruning = -1;
  private ConsumerSettings settings = ConsumerSettings.DEFAULTS;
  private volatile KafkaConsumer<String, String> consumer;
  private ConsumerMetrics metrics;
  private volatile boolean stopped;
  /** When the consumer last finished a poll or a record; read by the readiness probe's thread. */
  private volatile long progressNanos = System.nanoTime();
  private volatile String lastFailure;
  /** The poll in progress, through the commit of what it applied. */
  private Future<Void> batch = Future.succeededFuture();

  protected ChangeRecordConsumer(KafkaConfig kafka, String groupId, List<Topics.Topic> topics, Database database) {
    this.kafka = kafka;
    this.groupId = groupId;
    this.topics = topics;
    this.database = database;
    this.parked = new ParkedRecords(database);
    this.processed = new ProcessedRecords(database);
  }

  /** The effect of one record, inside the transaction that also marks it processed. */
  protected abstract Future<Void> apply(Transaction tx, ChangeRecord record);

  /** Called once a record's effect is committed (a hook for waking whoever acts on it). */
  protected void committed(ChangeRecord record) {}

  /** The consumer's name: its consumer group, and the {@code consumer} of what it parks. */
  public String name() {
    return groupId;
  }

  /** Replaces the default retry and stuck settings; call before deploying. */
  public void configure(ConsumerSettings settings) {
    this.settings = settings;
  }

  /**
   * Why the consumer counts as stuck (it has not finished a poll or a record for longer than
   * its settings allow), or empty while it makes progress.
   */
  public Optional<String> stuck() {
    long idle = System.nanoTime() - progressNanos;
    if (stopped || idle <= settings.stuckAfter().toNanos()) return Optional.empty();
    return Optional.of("no progress for " + TimeUnit.NANOSECONDS.toSeconds(idle) + " s"
        + (lastFailure == null ? "" : "; last failure: " + lastFailure));
  }

  @Override
  public Future<?> start() {
    progressNanos = System.nanoTime();
    metrics = new ConsumerMetrics(Metrics.registry(vertx), groupId,
        topics.stream().map(t -> Topics.name(kafka, t)).toList(), () -> consumer == null ? null : consumer.unwrap());
    pruning = vertx.setPeriodic(PRUNE_EVERY_MS, id -> prune());
    return subscribe().onSuccess(v -> vertx.runOnContext(x -> pollLoop()));
  }

  /** A failed prune is tried again at the next period; dedupe works the same meanwhile, on a bigger table. */
  private void prune() {
    processed.prune(groupId, settings.dedupeRetention())
        .onFailure(e -> LOG.warn("{} could not prune its processed records: {}", groupId, describe(e)));
  }

  /**
   * Lets the polled batch finish and its offsets commit (a record retrying gives up at once and
   * comes again to the replica that takes the partition over), then leaves the group, so the
   * partitions move on at once rather than after the session timeout. A batch stuck in the
   * database is not waited for past {@link #STOP_WAIT_MS}: its records come again, deduplicated.
   */
  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(pruning);
    return batch.timeout(STOP_WAIT_MS, TimeUnit.MILLISECONDS)
        .transform(done -> consumer == null ? Future.succeededFuture() : consumer.close());
  }

  private Future<Void> subscribe() {
    consumer = KafkaConsumer.create(vertx, KafkaClients.consumerConfig(kafka, groupId));
    Set<String> names = topics.stream().map(t -> Topics.name(kafka, t)).collect(Collectors.toSet());
    return consumer.subscribe(names);
  }

  private void pollLoop() {
    if (stopped) return;
    batch = consumer.poll(POLL)
        .onSuccess(metrics::fetched)
        .compose(this::applyAll)
        .compose(count -> count == 0 ? Future.succeededFuture() : consumer.commit());
    batch.onSuccess(v -> {
      metrics.committed();
      progressNanos = System.nanoTime();
      pollLoop();
    }).onFailure(this::restart);
  }

  private Future<Integer> applyAll(KafkaConsumerRecords<String, String> records) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      chain = chain.compose(v -> applyOne(record)).onSuccess(v -> progressNanos = System.nanoTime());
    }
    return chain.map(records.size());
  }

  private Future<Void> applyOne(KafkaConsumerRecord<String, String> record) {
    ChangeRecord change;
    try {
      change = parse(record.value());
    } catch (RuntimeException e) {
      return park(record, null, "not a FashionOS CloudEvent: " + describe(e), 1);
    }
    return attempt(record, change, 1, 0);
  }

  private static ChangeRecord parse(String value) {
    if (value == null) throw new IllegalArgumentException("the record has no value");
    ChangeRecord change = ChangeRecord.fromJson(new JsonObject(value));
    if (change == null) throw new IllegalArgumentException("a JSON object without the fields of a CloudEvent 1.0 of ours");
    return change;
  }

  /**
   * Tries the record's effect; {@code faults} counts the failures that were the record's, the
   * only ones that lead to parking it, {@code tries} all of them, for the backoff.
   */
  private Future<Void> attempt(KafkaConsumerRecord<String, String> record, ChangeRecord change, int tries, int faults) {
    return applyEffect(record.topic(), change).recover(failure -> {
      if (stopped) return Future.failedFuture(failure);
      lastFailure = describe(failure);
      int recordFaults = isTransient(failure) ? faults : faults + 1;
      if (recordFaults >= settings.attempts()) return park(record, change.id(), lastFailure, tries);
      Duration pause = settings.backoff(tries);
      metrics.retries(record.topic()).increment();
      LOG.warn("{} failed record {} at {}-{}@{} (try {}), trying again in {} ms: {}", groupId, change.id(),
          record.topic(), record.partition(), record.offset(), tries, pause.toMillis(), lastFailure);
      return vertx.timer(pause.toMillis(), TimeUnit.MILLISECONDS)
          .compose(v -> attempt(record, change, tries + 1, recordFaults));
    });
  }

  private Future<Void> applyEffect(String topic, ChangeRecord change) {
    return database.applyOnce(groupId, change.id(), topic, Mutation.internal(null), tx -> apply(tx, change))
        .onSuccess(applied -> {
          metrics.processed(topic).increment();
          if (applied) committed(change);
        })
        .mapEmpty();
  }

  /** Stores the record durably before the consumer moves past it; a failure to store it restarts the consumer. */
  private Future<Void> park(KafkaConsumerRecord<String, String> record, UUID recordId, String error,
      int attempts) {
    return parked.park(groupId, record, recordId, error, attempts).map(fresh -> {
      LOG.error("{} parked record {} at {}-{}@{} after {} tries: {}", groupId, recordId, record.topic(),
          record.partition(), record.offset(), attempts, error);
      if (fresh) metrics.parked().increment();
      return null;
    });
  }

  /**
   * Runs the effect of a parked record once more (an operator's replay, after fixing what made
   * it fail). Applied at most once, like any record: a record applied since is not applied again.
   */
  public Future<JsonObject> replay(ParkedRecords.Parked record) {
    ChangeRecord change;
    try {
      change = parse(record.value());
    } catch (RuntimeException e) {
      return Future.failedFuture(new ApiException(422, "unreadable_record",
          "The parked record is not a FashionOS CloudEvent and cannot be replayed: " + describe(e)));
    }
    return database.applyOnce(groupId, change.id(), record.topic(), Mutation.internal(null), tx -> apply(tx, change))
        .recover(failure -> parked.replayFailed(record.id(), describe(failure))
            .transform(noted -> Future.failedFuture(new ApiException(422, "replay_failed",
                "The parked record still cannot be applied: " + describe(failure)))))
        .compose(applied -> {
          if (applied) committed(change);
          return parked.replayed(record.id()).map(new JsonObject().put("id", record.id())
              .put("record_id", change.id().toString()).put("outcome", applied ? "applied" : "already_applied"));
        });
  }

  /** The database's or the network's trouble, which says nothing about the record. */
  static boolean isTransient(Throwable failure) {
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState();
      // A statement cancelled by its timeout is the record's doing: it would time out every time.
      return state != null && !"57014".equals(state) && TRANSIENT_STATES.contains(state.substring(0, 2));
    }
    if (failure instanceof DecodeException) return false;
    return failure instanceof VertxException || failure instanceof IOException || failure instanceof TimeoutException;
  }

  /** The failure in a line short enough to log and store (a poison record's message may quote all of it). */
  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
  }

  /** Starts again from the last committed offset; applied records are deduplicated. */
  private void restart(Throwable failure) {
    if (stopped) return;
    lastFailure = describe(failure);
    LOG.warn("{} failed to poll, park or commit, restarting from the last committed offset: {}", groupId, lastFailure);
    consumer.close().onComplete(closed -> vertx.setTimer(RESTART_MS, id -> {
      if (stopped) return;
      subscribe().onSuccess(v -> pollLoop()).onFailure(this::restart);
    }));
  }
}
