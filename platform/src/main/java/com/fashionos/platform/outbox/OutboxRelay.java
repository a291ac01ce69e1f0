package com.fashionos.platform.outbox;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.health.Metrics;
import com.fashionos.platform.kafka.KafkaClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a schema's outbox to Kafka. Woken by NOTIFY when a writing transaction commits (with a
 * slow safety sweep), it publishes the oldest rows in order through an idempotent producer and
 * deletes them once Kafka has acknowledged them. A crash between the two publishes a row twice;
 * consumers dedupe by record id, so every change reaches them exactly once.
 */
public final class OutboxRelay extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final NamedStatements SQL = NamedStatements.forClass(OutboxRelay.class);
  private static final int BATCH = 500;
  private static final long SAFETY_SWEEP_MS = 5_000;
  private static final long RETRY_MS = 1_000;
  /** How often a standby tries to lead; a leader that stops cleanly wakes it at once instead. */
  private static final long LEAD_RETRY_MS = 2_000;
  private static final long METRICS_SAMPLE_MS = 5_000;

  private final DatabaseConfig database;
  private final ServiceSchema service;
  private final KafkaConfig kafka;
  private KafkaProducer<String, String> producer;
  private PgConnection connection;
  private OutboxMetrics metrics;
  private boolean leader;
  private boolean draining;
  private boolean drainAgain;
  private boolean stopped;
  private long retryLead = -1;
  private boolean trying;
  /** The batch being relayed; a graceful stop lets it finish so nothing is sent twice. */
  private Future<Integer> inFlight = Future.succeededFuture(0);

  public OutboxRelay(DatabaseConfig database, ServiceSchema service, KafkaConfig kafka) {
    this.database = database;
    this.service = service;
    this.kafka = kafka;
  }

  @Override
  public Future<?> start() {
    producer = KafkaProducer.create(vertx, KafkaClients.producerConfig(kafka, "outbox-relay-" + service.name()));
    vertx.setPeriodic(SAFETY_SWEEP_MS, id -> drain());
    metrics = new OutboxMetrics(Metrics.registry(vertx), service);
    vertx.setPeriodic(METRICS_SAMPLE_MS, id -> {
      if (connection != null) metrics.sample(connection);
    });
    return connect();
  }

  /**
   * Lets the batch in flight finish, then hands the lead over: unlocks and tells the standbys
   * (a NOTIFY they listen for), so another replica relays at once rather than at its next try.
   */
  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(retryLead);
    return inFlight.transform(done -> {
      PgConnection conn = connection;
      if (conn == null) return Future.succeededFuture();
      Future<?> handover = leader
          ? conn.preparedQuery(SQL.get("hand_over")).execute(Tuple.of(lockName(service), service.schema()))
          : Future.succeededFuture();
      return handover.transform(handed -> conn.close());
    }).eventually(() -> producer.close());
  }

  private Future<Void> connect() {
    return PgConnection.connect(vertx, Database.connectOptions(database, service))
        .compose(conn -> {
          connection = conn;
          conn.closeHandler(v -> {
            leader = false;
            metrics.leading(false);
            connection = null;
            if (!stopped) vertx.setTimer(RETRY_MS, id -> connect());
          });
          conn.notificationHandler(n -> {
            if (!service.schema().equals(n.getPayload())) return;
            if (leader) {
              drain();
            } else {
              vertx.cancelTimer(retryLead);
              tryLead();
            }
          });
          return conn.query(SQL.get("listen_handover")).execute().compose(v -> tryLead());
        })
        .onFailure(e -> {
          LOG.warn("Outbox relay for {} cannot reach the database, retrying: {}", service.name(), e.getMessage());
          if (!stopped) vertx.setTimer(RETRY_MS, id -> connect());
        });
  }

  /** The advisory lock whose holder relays the schema. */
  static String lockName(ServiceSchema service) {
    return "outbox-relay:" + service.schema();
  }

  private Future<Void> tryLead() {
    PgConnection conn = connection;
    // One try at a time: the lock is re-entrant, and a lock taken twice would outlive the hand-over.
    if (conn == null || stopped || leader || trying) return Future.succeededFuture();
    trying = true;
    return conn.preparedQuery(SQL.get("try_lead")).execute(Tuple.of(lockName(service)))
        .onComplete(tried -> trying = false)
        .compose(rows -> {
          if (!rows.iterator().next().getBoolean("leader")) {
            // Another replica relays this schema; stand by and try again.
            retryLead = vertx.setTimer(LEAD_RETRY_MS, id -> tryLead());
            return Future.succeededFuture();
          }
          leader = true;
          metrics.leading(true);
          return conn.query(SQL.get("listen")).execute().onSuccess(v -> drain()).mapEmpty();
        });
  }

  private void drain() {
    if (!leader || stopped) return;
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = true;
    drainAgain = false;
    PgConnection conn = connection;
    inFlight = conn.preparedQuery(SQL.get("next_batch")).execute(Tuple.of(BATCH))
        .compose(this::publish)
        .compose(positions -> positions.isEmpty() ? Future.succeededFuture(0)
            : conn.preparedQuery(SQL.get("delete_published")).execute(Tuple.of(positions.toArray(new Long[0])))
                .map(deleted -> positions.size()))
        .onSuccess(published -> metrics.published(published))
        .onComplete(done -> {
          draining = false;
          if (done.failed() && !stopped) {
            LOG.warn("Outbox relay for {} failed a batch, retrying: {}", service.name(), done.cause().toString());
            vertx.setTimer(RETRY_MS, id -> drain());
          } else if (done.succeeded() && (done.result() > 0 || drainAgain)) {
            drain();
          }
        });
  }

  /** Sends the batch in order (the idempotent producer keeps per-partition order) and waits for every ack. */
  private Future<List<Long>> publish(RowSet<Row> rows) {
    List<Long> positions = new ArrayList<>();
    List<Future<?>> acks = new ArrayList<>();
    for (Row row : rows) {
      positions.add(row.getLong("position"));
      KafkaProducerRecord<String, String> record = KafkaProducerRecord.create(
          kafka.topicPrefix() + row.getString("topic"), row.getString("record_key"), row.getString("payload"));
      record.addHeader("content-type", ChangeRecord.CONTENT_TYPE);
      record.addHeader(RecordHeaders.ID, row.getUUID("record_id").toString());
      record.addHeader(RecordHeaders.TYPE, row.getString("record_type"));
      String eventId = row.getString("event_id");
      if (eventId != null) record.addHeader(RecordHeaders.EVENT_ID, eventId);
      acks.add(producer.send(record));
    }
    return Future.all(acks).map(all -> positions);
  }
}
