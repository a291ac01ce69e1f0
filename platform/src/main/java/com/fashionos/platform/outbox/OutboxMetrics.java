package com.fashionos.platform.outbox;

import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.ServiceSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A schema's outbox as Prometheus sees it, from every replica: the unpublished rows and the age
 * of the oldest (sampled by {@link OutboxRelay} whether it leads or not, so a schema without a
 * leader still shows its backlog growing), whether this replica's relay leads, and what it
 * published. Labelled {@code schema}.
 */
final class OutboxMetrics {
  private static final NamedStatements SQL = NamedStatements.forClass(OutboxRelay.class);
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestAgeMillis = new AtomicLong();
  private final AtomicLong leader = new AtomicLong();
  private final Counter published;

  OutboxMetrics(MeterRegistry registry, ServiceSchema service) {
    Tags tags = Tags.of("schema", service.schema());
    Gauge.builder("fashionos.outbox.backlog.records", backlog, AtomicLong::get).tags(tags).strongReference(true)
        .description("Outbox rows not yet published to Kafka").register(registry);
    Gauge.builder("fashionos.outbox.oldest.age", oldestAgeMillis, millis -> millis.get() / 1000.0).tags(tags)
        .strongReference(true).baseUnit("seconds")
        .description("Age of the oldest unpublished outbox row (0 when none)").register(registry);
    Gauge.builder("fashionos.outbox.relay.leader", leader, AtomicLong::get).tags(tags).strongReference(true)
        .description("1 while this replica's relay holds the schema's lock and publishes it").register(registry);
    published = Counter.builder("fashionos.outbox.published.records").tags(tags)
        .description("Outbox rows published to Kafka and deleted").register(registry);
  }

  void leading(boolean leads) {
    leader.set(leads ? 1 : 0);
  }

  void published(int rows) {
    published.increment(rows);
  }

  /** Counts the backlog; a failed sample keeps the last values (the database check reports the outage). */
  Future<Void> sample(SqlClient client) {
    return client.query(SQL.get("backlog")).execute().onSuccess(rows -> {
      Row row = rows.iterator().next();
      backlog.set(row.getLong("backlog"));
      oldestAgeMillis.set(row.getLong("oldest_age_ms"));
    }).mapEmpty();
  }
}
