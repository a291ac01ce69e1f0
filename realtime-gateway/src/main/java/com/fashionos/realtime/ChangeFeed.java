package com.fashionos.realtime;

import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.change.ResourceChange;
import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.health.Metrics;
import com.fashionos.platform.kafka.KafkaClients;
import com.fashionos.realtime.Cursor.Partition;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the change topics and turns each record into a frame for its event.
 * Partitions are assigned, not subscribed through a consumer group: every replica must see every
 * event so that any replica can serve any client. Reading starts at the end at boot and nothing is
 * committed; recent frames are kept per event in memory, and a cursor older than that is served
 * from the topics by {@link ChangeHistory}. Runs on the verticle's event loop, like the
 * connections, so a frame, the buffer and the subscriptions change together with no locks.
 */
final class ChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  static final List<Topics.Topic> CHANGE_TOPICS = List.of(Topics.EVENTS, Topics.TASKS, Topics.BUDGET, Topics.FILES);
  /** How long a cursor from a replica that is ahead of this one waits for this one to catch up. */
  private static final long CATCH_UP_WAIT_MS = 5_000;

  /** Where frames go once buffered: the live subscriptions. */
  interface Sink {
    /** The user may no longer read the event; called before the frame that says so is delivered. */
    void revoke(UUID eventId, UUID userId);

    void deliver(UUID eventId, Frame frame);

    /** A change that concerns one person (a task assigned to them). */
    void notify(Notifications.Notification notification);

    /** Someone follows the event here: its recent frames are worth keeping. */
    boolean isWatched(UUID eventId);
  }

  /**
   * One change record as sent to clients, with where it is in Kafka; encoded once here, not once
   * per subscriber (a change on a watched event goes to every one of them), and with the least
   * permission on the event that may see it ({@link FrameVisibility}; null: nobody).
   */
  record Frame(Partition partition, long offset, JsonObject json, String text, FrameVisibility.Permission readableFrom) {
    Frame(Partition partition, long offset, JsonObject json) {
      this(partition, offset, json, json.encode(), FrameVisibility.minimum(json));
    }

    boolean readableBy(FrameVisibility.Permission permission) {
      return permission != null && permission.reaches(readableFrom);
    }
  }

  /**
   * The result of a resume request: the missed frames up to {@code upTo} (per partition, the
   * first offset not included), or why they cannot be given.
   */
  record Replay(List<Frame> frames, Map<Partition, Long> upTo, String resyncReason) {
    static Replay resync(String reason) {
      return new Replay(List.of(), Map.of(), reason);
    }
  }

  /** The recent frames of one event. */
  private static final class EventLog {
    final ArrayDeque<Frame> frames = new ArrayDeque<>();
    /** Per partition, the offset from which every record of the event is in {@link #frames}. */
    final Map<Partition, Long> completeFrom;
    long lastAppendedNanos;

    EventLog(Map<Partition, Long> completeFrom) {
      this.completeFrom = completeFrom;
    }
  }

  private final Vertx vertx;
  private final KafkaConsumer<String, String> consumer;
  private final ChangeHistory history;
  private final Sink sink;
  private final int maxFramesPerEvent;
  private final List<String> topics;
  private final Map<String, Integer> partitionCounts = new HashMap<>();
  /** The next offset to be handled per partition: everything before it has been delivered. */
  private final Map<Partition, Long> positions = new HashMap<>();
  /**
   * For an event without a log: from these offsets on it has no records (else it would have a
   * log). Starts at boot's positions; moves up when idle logs are dropped.
   */
  private Map<Partition, Long> noLogSince = Map.of();
  private final Map<UUID, EventLog> logs = new HashMap<>();

  private ChangeFeed(Vertx vertx, KafkaConsumer<String, String> consumer, Sink sink, RealtimeConfig config) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.sink = sink;
    this.maxFramesPerEvent = config.limits().bufferedFramesPerEvent();
    this.topics = CHANGE_TOPICS.stream().map(topic -> Topics.name(config.kafka(), topic)).toList();
    this.history = new ChangeHistory(vertx, config.kafka(), config.limits().replayedFrames(),
        Duration.ofSeconds(30));
  }

  /** Assigns all partitions, seeks to their end and starts reading; done once positions are known. */
  static Future<ChangeFeed> start(Vertx vertx, RealtimeConfig config, Sink sink) {
    ChangeFeed feed = new ChangeFeed(vertx, KafkaConsumer.create(vertx, readerSettings(config)), sink, config);
    return readAllFromEnd(feed.consumer, feed.topics).map(started -> {
      started.forEach((partition, offset) -> {
        feed.partitionCounts.merge(partition.topic(), 1, Integer::sum);
        feed.positions.put(partition, offset);
      });
      feed.noLogSince = Map.copyOf(feed.positions);
      feed.consumer.handler(feed::handleOrSkip);
      return feed;
    });
  }

  /** A consumer without a group: positions live in this process only, no replica takes partitions from another. */
  static Map<String, String> readerSettings(RealtimeConfig config) {
    Map<String, String> settings = KafkaClients.clientConfig(config.kafka());
    settings.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    settings.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    settings.put("enable.auto.commit", "false");
    settings.put("isolation.level", "read_committed");
    return settings;
  }

  /**
   * Assigns every partition of the topics to the consumer at its end; the result is where each
   * starts. The caller sets the record handler.
   */
  static Future<Map<Partition, Long>> readAllFromEnd(KafkaConsumer<String, String> consumer, List<String> topics) {
    Map<String, Integer> counts = new HashMap<>();
    List<Future<Void>> lookups = topics.stream().map(topic -> consumer.partitionsFor(topic).<Void>map(infos -> {
      if (infos.isEmpty()) throw new IllegalStateException("Topic " + topic + " has no partitions");
      counts.put(topic, infos.size());
      return null;
    })).toList();
    Map<Partition, Long> starts = new HashMap<>();
    return Future.all(lookups).compose(v -> {
      Set<TopicPartition> all = counts.entrySet().stream()
          .flatMap(e -> IntStream.range(0, e.getValue()).mapToObj(p -> new TopicPartition(e.getKey(), p)))
          .collect(Collectors.toSet());
      return consumer.assign(all).compose(x -> consumer.seekToEnd(all)).compose(x -> Future.all(all.stream()
          .map(tp -> consumer.position(tp).onSuccess(offset ->
              starts.put(new Partition(tp.getTopic(), tp.getPartition()), offset))).toList()));
    }).map(v -> {
      consumer.exceptionHandler(e -> LOG.warn("Reading {} failed; the Kafka client retries", topics, e));
      return starts;
    });
  }

  Future<Void> close() {
    return consumer.close().eventually(history::close);
  }

  /**
   * A record this replica cannot turn into a frame is logged, counted and skipped, and the feed
   * goes on: the gateway keeps no database to park it in, and what it skips is a frame, not data
   * (the services' consumers park their own bad records; docs/operations.md).
   */
  private void handleOrSkip(KafkaConsumerRecord<String, String> record) {
    try {
      handle(record);
    } catch (RuntimeException e) {
      LOG.warn("Skipping the change record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
      Counter.builder("fashionos.realtime.skipped.records").description("Change records the live feed could not read")
          .tag("topic", record.topic()).register(Metrics.registry(vertx)).increment();
    }
  }

  private void handle(KafkaConsumerRecord<String, String> record) {
    Partition partition = new Partition(record.topic(), record.partition());
    positions.put(partition, record.offset() + 1);
    ChangeRecord change = parse(record.value());
    if (change == null) throw new IllegalArgumentException("not a FashionOS CloudEvent");
    if (change.eventId() == null) return; // directories and profiles belong to no event
    Frame frame = new Frame(partition, record.offset(), frame(change, cursor(change.eventId())));
    revokedMember(change).ifPresent(user -> sink.revoke(change.eventId(), user));
    EventLog log = logs.computeIfAbsent(change.eventId(), id -> new EventLog(new HashMap<>(noLogSince)));
    log.frames.addLast(frame);
    log.lastAppendedNanos = System.nanoTime();
    if (log.frames.size() > maxFramesPerEvent) {
      Frame dropped = log.frames.removeFirst();
      log.completeFrom.merge(dropped.partition(), dropped.offset() + 1, Math::max);
    }
    sink.deliver(change.eventId(), frame);
    Notifications.of(change).ifPresent(sink::notify);
  }

  /**
   * Drops the logs of events nobody here follows that have been quiet for {@code idle}: memory
   * follows what is being watched. Their cursors are then served from Kafka.
   */
  void forgetIdle(Duration idle) {
    long now = System.nanoTime();
    boolean forgot = logs.entrySet().removeIf(entry -> !sink.isWatched(entry.getKey())
        && now - entry.getValue().lastAppendedNanos > idle.toNanos());
    if (forgot) noLogSince = Map.copyOf(positions);
  }

  /** The number of events whose recent frames are kept. */
  int eventsInMemory() {
    return logs.size();
  }

  static ChangeRecord parse(String value) {
    try {
      return value == null ? null : ChangeRecord.fromJson(new JsonObject(value));
    } catch (RuntimeException e) {
      LOG.warn("Skipping a change record that cannot be read: {}", e.getMessage());
      return null;
    }
  }

  /**
   * A change (resource or row) becomes its fields; a resource change also names the table its
   * version-1 frames named, for clients that still go by it. Any other record type passes with its data.
   */
  static JsonObject frame(ChangeRecord change, Cursor cursor) {
    JsonObject frame = new JsonObject()
        .put("type", "change")
        .put("event_id", change.eventId().toString())
        .put("cursor", cursor.encode())
        .put("record_id", change.id().toString())
        .put("record_type", change.type())
        .put("source", change.source());
    JsonObject row = change.data();
    if (ResourceChange.isResourceChange(change.type())) {
      String resource = row.getString("resource");
      frame.put("resource", resource).put("table", FrameVisibility.tableOf(resource));
    } else if (RowChange.isRowChange(change.type())) {
      frame.put("table", row.getString("table"));
    } else {
      return frame.put("data", change.data());
    }
    return frame
        .put("operation", row.getString("operation"))
        .put("new", row.getJsonObject("new"))
        .put("old", row.getJsonObject("old"))
        .put("changed_fields", row.getJsonArray("changed_fields"))
        .put("actor", row.getString("actor"))
        .put("acted_at", row.getString("acted_at"));
  }

  /**
   * The user who lost the event when a team membership is deleted or handed to someone else: by
   * its {@code event_team} row or its {@code team_member} resource, whichever comes first (both
   * name the member's {@code user_id}; revoking twice changes nothing).
   */
  static Optional<UUID> revokedMember(ChangeRecord change) {
    Operation operation;
    JsonObject after;
    JsonObject before;
    try {
      if (RowChange.isRowChange(change.type()) && "event_team".equals(change.data().getString("table"))) {
        RowChange row = RowChange.fromJson(change.data());
        operation = row.operation();
        after = row.newRow();
        before = row.oldRow();
      } else if (ResourceChange.isResourceChange(change.type())
          && "event_team".equals(FrameVisibility.tableOf(change.data().getString("resource")))) {
        ResourceChange member = ResourceChange.fromJson(change.data());
        operation = member.operation();
        after = member.newValue();
        before = member.oldValue();
      } else {
        return Optional.empty();
      }
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (before == null) return Optional.empty();
    String lostBy = before.getString("user_id");
    boolean lost = operation == Operation.DELETE
        || operation == Operation.UPDATE && after != null && !Objects.equals(lostBy, after.getString("user_id"));
    return lost && lostBy != null ? Optional.of(UUID.fromString(lostBy)) : Optional.empty();
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
  Future<Replay> replay(UUID eventId, String cursorText) {
    if (cursorText == null) return Future.succeededFuture(new Replay(List.of(), cursor(eventId).nextOffsets(), null));
    Cursor cursor = Cursor.decode(cursorText);
    if (cursor == null) return Future.succeededFuture(Replay.resync("invalid_cursor"));
    return replay(eventId, cursor, System.nanoTime() + CATCH_UP_WAIT_MS * 1_000_000);
  }

  /**
   * The frames of the event after the cursor, in the order they were delivered live: from memory
   * when it holds them all, otherwise from the topics.
   */
  private Future<Replay> replay(UUID eventId, Cursor cursor, long catchUpDeadline) {
    List<Partition> partitions = partitionsOf(eventId);
    Map<Partition, Long> from = cursor.nextOffsets();
    // Another event's cursor, or another deployment's.
    if (from.size() != partitions.size() || !from.keySet().containsAll(partitions)) {
      return Future.succeededFuture(Replay.resync("unknown_cursor"));
    }
    if (partitions.stream().anyMatch(p -> from.get(p) > positions.get(p))) {
      // A cursor from a replica further ahead than this one: wait for this one to get there.
      if (System.nanoTime() > catchUpDeadline) return Future.succeededFuture(Replay.resync("unknown_cursor"));
      return vertx.timer(20, TimeUnit.MILLISECONDS).compose(v -> replay(eventId, cursor, catchUpDeadline));
    }
    Map<Partition, Long> upTo = cursor(eventId).nextOffsets();
    EventLog log = logs.get(eventId);
    Map<Partition, Long> completeFrom = log == null ? noLogSince : log.completeFrom;
    if (partitions.stream().allMatch(p -> from.get(p) >= completeFrom.get(p))) {
      List<Frame> frames = log == null ? List.of()
          : log.frames.stream().filter(f -> f.offset() >= from.get(f.partition())).toList();
      return Future.succeededFuture(new Replay(frames, upTo, null));
    }
    return history.read(eventId, from, upTo)
        .map(read -> read.resyncReason() == null ? new Replay(read.frames(), upTo, null) : Replay.resync(read.resyncReason()))
        .recover(e -> {
          LOG.warn("Cannot read event {}'s missed changes from Kafka", eventId, e);
          return Future.succeededFuture(Replay.resync("history_unavailable"));
        });
  }
}
