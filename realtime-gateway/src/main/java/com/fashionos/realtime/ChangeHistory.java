package com.fashionos.realtime;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.realtime.ChangeFeed.Frame;
import com.fashionos.realtime.Cursor.Partition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.kafka.KafkaClients;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an event's missed frames back from the change topics when the in-memory buffer cannot
 * serve a cursor (it is older than the buffer, or older than this replica's start). One consumer
 * on one worker thread, reads one after the other: a burst of reconnects after a gateway restart
 * queues here instead of opening a Kafka connection per client.
 */
final class ChangeHistory {
  /** The outcome of a read: the frames in order, or why they cannot be given. */
  record Read(List<Frame> frames, String resyncReason) {}

  private final WorkerExecutor worker;
  private final Properties settings = new Properties();
  private final int maxFrames;
  private final Duration timeout;
  private KafkaConsumer<String, String> consumer;

  ChangeHistory(Vertx vertx, KafkaConfig kafka, int maxFrames, Duration timeout) {
    this.worker = vertx.createSharedWorkerExecutor("realtime-history-" + UUID.randomUUID(), 1);
    this.maxFrames = maxFrames;
    this.timeout = timeout;
    settings.putAll(KafkaClients.clientConfig(kafka));
    settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
  }

  /**
   * The event's frames from {@code from} (inclusive) to {@code upTo} (exclusive) per partition:
   * {@code cursor_too_old} when retention already deleted part of that range,
   * {@code too_many_changes} past the configured maximum.
   */
  Future<Read> read(UUID eventId, Map<Partition, Long> from, Map<Partition, Long> upTo) {
    return worker.executeBlocking(() -> readBlocking(eventId, from, upTo), true);
  }

  private Read readBlocking(UUID eventId, Map<Partition, Long> from, Map<Partition, Long> upTo) {
    if (consumer == null) consumer = new KafkaConsumer<>(settings);
    Map<TopicPartition, Partition> toRead = new LinkedHashMap<>();
    from.forEach((partition, offset) -> {
      if (offset < upTo.get(partition)) toRead.put(new TopicPartition(partition.topic(), partition.partition()), partition);
    });
    if (toRead.isEmpty()) return new Read(List.of(), null);
    consumer.assign(toRead.keySet());
    Map<TopicPartition, Long> firstKept = consumer.beginningOffsets(toRead.keySet(), timeout);
    for (Map.Entry<TopicPartition, Partition> entry : toRead.entrySet()) {
      if (from.get(entry.getValue()) < firstKept.get(entry.getKey())) return new Read(List.of(), "cursor_too_old");
      consumer.seek(entry.getKey(), from.get(entry.getValue()));
    }
    String key = eventId.toString();
    Map<Partition, ArrayDeque<ConsumerRecord<String, String>>> found = new HashMap<>();
    List<TopicPartition> remaining = new ArrayList<>(toRead.keySet());
    int count = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!remaining.isEmpty()) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("Reading the change topics timed out");
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
        Partition partition = toRead.get(new TopicPartition(record.topic(), record.partition()));
        if (record.offset() >= upTo.get(partition) || !key.equals(record.key())) continue;
        if (++count > maxFrames) return new Read(List.of(), "too_many_changes");
        found.computeIfAbsent(partition, p -> new ArrayDeque<>()).add(record);
      }
      remaining.removeIf(tp -> consumer.position(tp) >= upTo.get(toRead.get(tp)));
    }
    return new Read(merge(eventId, from, found), null);
  }

  /**
   * One sequence from the per-partition ones: each partition keeps its order (a service's commit
   * order), partitions interleave by record time. A frame's cursor is what the client has then
   * been given: up to it in its partition, up to the last given frame in the others.
   */
  private static List<Frame> merge(UUID eventId, Map<Partition, Long> from,
      Map<Partition, ArrayDeque<ConsumerRecord<String, String>>> found) {
    Map<Partition, Long> position = new HashMap<>(from);
    List<Frame> frames = new ArrayList<>();
    while (true) {
      Partition next = null;
      for (Map.Entry<Partition, ArrayDeque<ConsumerRecord<String, String>>> entry : found.entrySet()) {
        ConsumerRecord<String, String> head = entry.getValue().peekFirst();
        if (head != null && (next == null || head.timestamp() < found.get(next).peekFirst().timestamp())) {
          next = entry.getKey();
        }
      }
      if (next == null) return frames;
      ConsumerRecord<String, String> record = found.get(next).pollFirst();
      position.put(next, record.offset() + 1);
      ChangeRecord change = ChangeFeed.parse(record.value());
      if (change == null || !eventId.equals(change.eventId())) continue;
      JsonObject json = ChangeFeed.frame(change, new Cursor(position));
      frames.add(new Frame(next, record.offset(), json));
    }
  }

  Future<Void> close() {
    return worker.<Void>executeBlocking(() -> {
      if (consumer != null) consumer.close();
      return null;
    }, true).eventually(worker::close);
  }
}
