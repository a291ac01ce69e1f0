package com.fashionos.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ChangeRecordConsumer}'s Prometheus meters, labelled {@code consumer} (its group) and
 * {@code topic}: records processed, retries, records parked, and the lag of the partitions this
 * replica holds (sum across replicas for the group's lag).
 */
final class ConsumerMetrics {
  private final MeterRegistry registry;
  private final String consumer;
  /** Records behind, by topic, as of the last sample. */
  private final Map<String, Long> lag = new ConcurrentHashMap<>();

  ConsumerMetrics(MeterRegistry registry, String consumer, Iterable<String> topics) {
    this.registry = registry;
    this.consumer = consumer;
    for (String topic : topics) {
      lag.put(topic, 0L);
      Gauge.builder("fashionos.consumer.lag.records", lag, byTopic -> byTopic.getOrDefault(topic, 0L))
          .tag("consumer", consumer).tag("topic", topic).strongReference(true)
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

  /**
   * Samples the lag: per partition this replica holds, the end of the partition minus the
   * group's committed offset (a record fetched but not yet applied still counts), summed by topic.
   * A failed sample keeps the last values; a stuck consumer shows in readiness.
   */
  Future<Void> sampleLag(KafkaConsumer<?, ?> client) {
    return client.assignment().compose(partitions -> {
      if (partitions.isEmpty()) {
        lag.replaceAll((topic, value) -> 0L);
        return Future.succeededFuture();
      }
      List<Future<OffsetAndMetadata>> committed = new ArrayList<>();
      List<TopicPartition> order = List.copyOf(partitions);
      order.forEach(partition -> committed.add(client.committed(partition)));
      return Future.all(client.endOffsets(partitions), Future.all(committed)).map(both -> {
        Map<TopicPartition, Long> ends = both.resultAt(0);
        Map<String, Long> sums = new HashMap<>();
        lag.keySet().forEach(topic -> sums.put(topic, 0L));
        for (int i = 0; i < order.size(); i++) {
          TopicPartition partition = order.get(i);
          OffsetAndMetadata done = committed.get(i).result();
          long behind = Math.max(0, ends.getOrDefault(partition, 0L) - (done == null ? 0 : done.getOffset()));
          sums.merge(partition.getTopic(), behind, Long::sum);
        }
        sums.forEach((topic, value) -> {
          if (lag.containsKey(topic)) lag.put(topic, value);
        });
        return null;
      });
    });
  }
}
