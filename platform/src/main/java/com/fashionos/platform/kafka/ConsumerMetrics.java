package com.fashionos.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A {@link ChangeRecordConsumer}'s Prometheus meters, labelled {@code consumer} (its group) and
 * {@code topic}: records processed, retries, records parked, and the lag of the partitions this
 * replica holds (sum across replicas for the group's lag).
 */
final class ConsumerMetrics {
  private final MeterRegistry registry;
  private final String consumer;
  private final Supplier<Consumer<?, ?>> kafka;
  /** Records of the batch being applied, by topic: fetched, so not in the client's lag, but not committed. */
  private final Map<String, AtomicLong> uncommitted = new ConcurrentHashMap<>();

  ConsumerMetrics(MeterRegistry registry, String consumer, Iterable<String> topics, Supplier<Consumer<?, ?>> kafka) {
    this.registry = registry;
    this.consumer = consumer;
    this.kafka = kafka;
    for (String topic : topics) {
      uncommitted.put(topic, new AtomicLong());
      Gauge.builder("fashionos.consumer.lag.records", () -> lag(topic)).tag("consumer", consumer).tag("topic", topic)
          .strongReference(true)
          .description("Records on the partitions this replica holds that the group has not committed yet")
          .register(registry);
      processed(topic);
      retries(topic);
    }
    parked();
  }

  Counter processed(String topic) {
    return Counter.builder("fashionos.consumer.records.processed").tag("consumer", consumer).tag("topic", topic)
        .description("Records the consumer applied (or found already applied)").register(registry);
  }

  Counter retries(String topic) {
    return Counter.builder("fashionos.consumer.retries").tag("consumer", consumer).tag("topic", topic)
        .description("Failed tries of a record's effect that were tried again").register(registry);
  }

  Counter parked() {
    return Counter.builder("fashionos.consumer.parked.records").tag("consumer", consumer)
        .description("Records a consumer could not apply and parked in parked_records").register(registry);
  }

  /** A batch was polled; it is lag until committed. */
  void fetched(KafkaConsumerRecords<String, String> records) {
    Map<String, Long> counts = new ConcurrentHashMap<>();
    for (int i = 0; i < records.size(); i++) counts.merge(records.recordAt(i).topic(), 1L, Long::sum);
    uncommitted.forEach((topic, count) -> count.set(counts.getOrDefault(topic, 0L)));
  }

  void committed() {
    uncommitted.values().forEach(count -> count.set(0));
  }

  /**
   * The Kafka client's own {@code records-lag} of the topic's partitions (the end of each minus
   * the position, as of the last fetch), plus the fetched records not yet committed. Read on the
   * scraping thread, which the client's metrics allow.
   */
  private double lag(String topic) {
    double sum = uncommitted.get(topic).get();
    Consumer<?, ?> client = kafka.get();
    if (client == null) return sum;
    try {
      for (Map.Entry<MetricName, ? extends Metric> entry : client.metrics().entrySet()) {
        MetricName name = entry.getKey();
        String tagged = name.tags().get("topic");
        if (!"records-lag".equals(name.name()) || !name.tags().containsKey("partition")
            || !(topic.equals(tagged) || topic.replace('.', '_').equals(tagged))) continue;
        if (entry.getValue().metricValue() instanceof Double value && !value.isNaN()) sum += value;
      }
    } catch (RuntimeException e) {
      // A consumer closed meanwhile (a restart): its partitions show again with the next one.
    }
    return sum;
  }
}
