package com.fashionos.realtime;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.realtime.Cursor.Partition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the change topics and turns each record into a frame for its event.
 * Partitions are assigned, not subscribed through a consumer group: every replica must see every
 * event so that any replica can serve any client. Reading starts at the end at boot (a client
 * older than that resyncs) and nothing is committed. Runs on the verticle's event loop, like the
 * connections, so a frame, the buffer and the subscriptions change together with no locks.
 */
final class ChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  static final List<Topics.Topic> CHANGE_TOPICS = List.of(Topics.EVENTS, Topics.TASKS, Topics.BUDGET, Topics.FILES);

  /** Where frames go once buffered: the live subscriptions. */
  interface Sink {
    /** The user may no longer read the event; called before the frame that says so is delivered. */
    void revoke(UUID eventId, UUID userId);

    void deliver(UUID eventId, JsonObject frame);
  }

  /** The result of a resume request: the missed frames, or why they cannot be given. */
  record Replay(List<JsonObject> frames, String resyncReason) {}

  private record Buffered(Partition partition, long offset, JsonObject frame) {}

  /** The recent frames of one event, and per partition the first offset no longer kept. */
  private static final class EventLog {
    final ArrayDeque<Buffered> frames = new ArrayDeque<>();
    final Map<Partition, Long> evictedBefore = new HashMap<>();
  }

  private final KafkaConsumer<String, String> consumer;
  private final Sink sink;
  private final int maxFramesPerEvent;
  private final List<String> topics;
  private final Map<String, Integer> partitionCounts = new HashMap<>();
  /** Where reading began at boot: frames before these offsets were never seen by this replica. */
  private final Map<Partition, Long> bootOffsets = new HashMap<>();
  /** The next offset to be handled per partition: everything before it has been delivered. */
  private final Map<Partition, Long> positions = new HashMap<>();
  private final Map<UUID, EventLog> logs = new HashMap<>();

  private ChangeFeed(KafkaConsumer<String, String> consumer, Sink sink, RealtimeConfig config) {
    this.consumer = consumer;
    this.sink = sink;
    this.maxFramesPerEvent = config.maxBufferedFramesPerEvent();
    this.topics = CHANGE_TOPICS.stream().map(topic -> Topics.name(config.kafka(), topic)).toList();
  }

  /** Assigns all partitions, seeks to their end and starts reading; done once positions are known. */
  static Future<ChangeFeed> start(Vertx vertx, RealtimeConfig config, Sink sink) {
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap.servers", config.kafka().bootstrapServers());
    settings.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    settings.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    // No group: positions live in this process only, and no replica takes partitions from another.
    settings.put("enable.auto.commit", "false");
    settings.put("isolation.level", "read_committed");
    ChangeFeed feed = new ChangeFeed(KafkaConsumer.create(vertx, settings), sink, config);
    return feed.assignAtEnd().map(feed);
  }

  private Future<Void> assignAtEnd() {
    List<Future<Void>> lookups = topics.stream().map(topic -> consumer.partitionsFor(topic).<Void>map(infos -> {
      if (infos.isEmpty()) throw new IllegalStateException("Topic " + topic + " has no partitions");
      partitionCounts.put(topic, infos.size());
      return null;
    })).toList();
    return Future.all(lookups).compose(v -> {
      Set<TopicPartition> all = partitionCounts.entrySet().stream()
          .flatMap(e -> IntStream.range(0, e.getValue()).mapToObj(p -> new TopicPartition(e.getKey(), p)))
          .collect(Collectors.toSet());
      return consumer.assign(all).compose(x -> consumer.seekToEnd(all)).compose(x -> Future.all(all.stream()
          .map(tp -> consumer.position(tp).onSuccess(offset -> {
            Partition partition = new Partition(tp.getTopic(), tp.getPartition());
            bootOffsets.put(partition, offset);
            positions.put(partition, offset);
          })).toList()));
    }).map(v -> {
      consumer.exceptionHandler(e -> LOG.warn("Change topic reader failed; Kafka client retries", e));
      consumer.handler(this::handle);
      return null;
    });
  }

  Future<Void> close() {
    return consumer.close();
  }

  private void handle(KafkaConsumerRecord<String, String> record) {
    Partition partition = new Partition(record.topic(), record.partition());
    positions.put(partition, record.offset() + 1);
    ChangeRecord change = parse(record.value());
    if (change == null || change.eventId() == null) return; // directories and profiles belong to no event
    JsonObject frame = frame(change, cursor(change.eventId()));
    revokedMember(change).ifPresent(user -> sink.revoke(change.eventId(), user));
    EventLog log = logs.computeIfAbsent(change.eventId(), id -> new EventLog());
    log.frames.addLast(new Buffered(partition, record.offset(), frame));
    if (log.frames.size() > maxFramesPerEvent) {
      Buffered dropped = log.frames.removeFirst();
      log.evictedBefore.merge(dropped.partition(), dropped.offset() + 1, Math::max);
    }
    sink.deliver(change.eventId(), frame);
  }

  private static ChangeRecord parse(String value) {
    try {
      return value == null ? null : ChangeRecord.fromJson(new JsonObject(value));
    } catch (DecodeException e) {
      LOG.warn("Skipping a change record that is not JSON");
      return null;
    }
  }

  /** A row change becomes its fields; any other record type passes with its data. */
  static JsonObject frame(ChangeRecord change, Cursor cursor) {
    JsonObject frame = new JsonObject()
        .put("type", "change")
        .put("event_id", change.eventId().toString())
        .put("cursor", cursor.encode())
        .put("record_id", change.id().toString())
        .put("record_type", change.type())
        .put("source", change.source());
    if (!RowChange.isRowChange(change.type())) return frame.put("data", change.data());
    JsonObject row = change.data();
    return frame
        .put("table", row.getString("table"))
        .put("operation", row.getString("operation"))
        .put("new", row.getJsonObject("new"))
        .put("old", row.getJsonObject("old"))
        .put("changed_fields", row.getJsonArray("changed_fields"))
        .put("actor", row.getString("actor"))
        .put("acted_at", row.getString("acted_at"));
  }

  /** The user who lost the event when a team row is deleted or handed to someone else. */
  private static Optional<UUID> revokedMember(ChangeRecord change) {
    if (!RowChange.isRowChange(change.type()) || !"event_team".equals(change.data().getString("table"))) {
      return Optional.empty();
    }
    RowChange row;
    try {
      row = RowChange.fromJson(change.data());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (row.oldRow() == null) return Optional.empty();
    String before = row.oldRow().getString("user_id");
    boolean lost = row.operation() == Operation.DELETE
        || row.operation() == Operation.UPDATE && row.newRow() != null
            && !Objects.equals(before, row.newRow().getString("user_id"));
    return lost && before != null ? Optional.of(UUID.fromString(before)) : Optional.empty();
  }

  /**
   * The partitions an event's records are in: the producer's default partitioner puts a key in
   * murmur2(key) mod the partition count of each topic.
   */
  private List<Partition> partitionsOf(UUID eventId) {
    byte[] key = eventId.toString().getBytes(StandardCharsets.UTF_8);
    List<Partition> result = new ArrayList<>();
    for (String topic : topics) {
      result.add(new Partition(topic, Utils.toPositive(Utils.murmur2(key)) % partitionCounts.get(topic)));
    }
    return result;
  }

  /** The event's current position: what a subscriber has been sent once this call returns. */
  Cursor cursor(UUID eventId) {
    Map<Partition, Long> offsets = new LinkedHashMap<>();
    for (Partition partition : partitionsOf(eventId)) offsets.put(partition, positions.get(partition));
    return new Cursor(offsets);
  }

  /**
   * The frames of the event after the cursor as a client sent it: none when it sent none,
   * {@code invalid_cursor} when it is not one of ours.
   */
  Replay replay(UUID eventId, String cursorText) {
    if (cursorText == null) return new Replay(List.of(), null);
    Cursor cursor = Cursor.decode(cursorText);
    return cursor == null ? new Replay(List.of(), "invalid_cursor") : replay(eventId, cursor);
  }

  /** The frames of the event after the cursor, in the order they were delivered live. */
  Replay replay(UUID eventId, Cursor cursor) {
    EventLog log = logs.get(eventId);
    for (Partition partition : partitionsOf(eventId)) {
      Long from = cursor.nextOffsets().get(partition);
      // Another event's cursor, another deployment's, or a replica further ahead than this one.
      if (from == null || from > positions.get(partition)) return new Replay(List.of(), "unknown_cursor");
      if (from < bootOffsets.get(partition)
          || log != null && from < log.evictedBefore.getOrDefault(partition, 0L)) {
        return new Replay(List.of(), "cursor_too_old");
      }
    }
    if (log == null) return new Replay(List.of(), null);
    List<JsonObject> frames = log.frames.stream()
        .filter(b -> b.offset() >= cursor.nextOffsets().get(b.partition()))
        .map(Buffered::frame)
        .toList();
    return new Replay(frames, null);
  }
}
