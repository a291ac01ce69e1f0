package com.fashionos.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  private final Map<String, Double> lastLag = new ConcurrentHashMap<>();

  ConsumerMetrics(MeterRegistry registry, String consumer, Iterable<String> topics, Supplier<Consumer<?, ?>> kafka) {
    this.registry = registry;
    this.consumer = consumer;
    this.kafka = kafka;
    for (String topic : topics) {
      Gauge.builder("fashionos.consumer.lag.records", () -> lag(topic)).tag("consumer", consumer).tag("topic", topic)
          .strongReference(true)
          .description("Records on the topic's partitions this replica holds that the consumer has not read yet, as of its last fetch")
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

  /**
   * The Kafka client's own {@code records-lag} of the topic's assigned partitions. Read on the
   * scraping thread; the client allows it, but should it refuse, the last value stands.
   */
  private double lag(String topic) {
    Consumer<?, ?> client = kafka.get();
    if (client == null) return lastLag.getOrDefault(topic, 0.0);
    try {
      double sum = 0;
      for (Map.Entry<MetricName, ? extends Metric> entry : client.metrics().entrySet()) {
        MetricName name = entry.getKey();
        String tagged = name.tags().get("topic");
        if (!"records-lag".equals(name.name()) || !name.tags().containsKey("partition")
            || !(topic.equals(tagged) || topic.replace('.', '_').equals(tagged))) continue;
        if (entry.getValue().metricValue() instanceof Double value && !value.isNaN()) sum += value;
      }
      lastLag.put(topic, sum);
      return sum;
    } catch (ConcurrentModificationException | IllegalStateException e) {
      return lastLag.getOrDefault(topic, 0.0);
    }
  }
}
