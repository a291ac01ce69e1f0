package com.fashionos.realtime;

import com.fashionos.platform.change.Topics;
import com.fashionos.platform.kafka.KafkaClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who views which event across all gateway replicas. Each replica publishes its own viewers of an
 * event to the presence topic whenever they change, and repeats them every heartbeat; every
 * replica reads the whole topic and keeps the others' lists until they change or a replica misses
 * three heartbeats (it crashed). The viewers of an event are the union of all of them, each user
 * once. Runs on the verticle's event loop.
 */
final class PresenceBoard {
  private record Remote(Map<UUID, JsonObject> viewers, long expiresAtNanos) {}

  private final Vertx vertx;
  private final String replicaId = UUID.randomUUID().toString();
  private final String topic;
  private final RealtimeConfig.Limits limits;
  private final Subscriptions local;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  /** Per event, per other replica, its viewers. */
  private final Map<UUID, Map<String, Remote>> remote = new HashMap<>();
  /** Per event, the users last announced as this replica's viewers. */
  private final Map<UUID, Set<UUID>> announced = new HashMap<>();
  private long heartbeat = -1;

  private PresenceBoard(Vertx vertx, RealtimeConfig config, Subscriptions local) {
    this.vertx = vertx;
    this.topic = Topics.name(config.kafka(), Topics.PRESENCE);
    this.limits = config.limits();
    this.local = local;
    Map<String, String> producerSettings = KafkaClients.producerConfig(config.kafka(), "realtime-presence-" + replicaId);
    // Presence is repeated every heartbeat: a lost record costs seconds, not data.
    producerSettings.put("acks", "1");
    producerSettings.put("enable.idempotence", "false");
    producerSettings.put("linger.ms", "0");
    this.producer = KafkaProducer.create(vertx, producerSettings);
    this.consumer = KafkaConsumer.create(vertx, ChangeFeed.readerSettings(config));
  }

  /** Reads the topic from its end and starts the heartbeat. */
  static Future<PresenceBoard> start(Vertx vertx, RealtimeConfig config, Subscriptions local) {
    PresenceBoard board = new PresenceBoard(vertx, config, local);
    return ChangeFeed.readAllFromEnd(board.consumer, List.of(board.topic)).map(started -> {
      board.consumer.handler(board::heard);
      board.heartbeat = vertx.setPeriodic(config.limits().presenceHeartbeat().toMillis(), id -> board.beat());
      local.onPresenceChange(board::localChanged);
      return board;
    });
  }

  /**
   * A subscription started or ended here. Only a change of who is viewing is announced (to the
   * other replicas and every viewer here); a user's second tab just gets the list. Announcing
   * every socket would cost each of n sockets joining one event n messages.
   */
  private void localChanged(UUID eventId, FrameStream.Subscription joiner) {
    Map<UUID, JsonObject> viewers = local.viewers(eventId);
    if (!viewers.keySet().equals(announced.getOrDefault(eventId, Set.of()))) {
      if (viewers.isEmpty()) announced.remove(eventId);
      else announced.put(eventId, Set.copyOf(viewers.keySet()));
      publish(eventId, viewers);
      tellViewers(eventId);
    } else if (joiner != null) {
      joiner.tell(presence(eventId));
    }
  }

  /** Every present subscriber here gets everyone viewing the event on any replica. */
  private void tellViewers(UUID eventId) {
    local.tellPresent(eventId, presence(eventId));
  }

  private JsonObject presence(UUID eventId) {
    Map<UUID, JsonObject> everyone = new LinkedHashMap<>(local.viewers(eventId));
    long now = System.nanoTime();
    remote.getOrDefault(eventId, Map.of()).values().stream()
        .filter(r -> r.expiresAtNanos() > now)
        .forEach(r -> r.viewers().forEach(everyone::putIfAbsent));
    return new JsonObject().put("type", "presence").put("event_id", eventId.toString())
        .put("viewers", new JsonArray(List.copyOf(everyone.values())));
  }

  private Future<?> publish(UUID eventId, Map<UUID, JsonObject> viewers) {
    JsonObject value = new JsonObject().put("replica", replicaId).put("event_id", eventId.toString())
        .put("viewers", new JsonArray(List.copyOf(viewers.values())));
    return producer.send(KafkaProducerRecord.create(topic, eventId.toString(), value.encode()));
  }

  /** Another replica's (or our own echoed) list. */
  private void heard(KafkaConsumerRecord<String, String> record) {
    JsonObject value;
    UUID eventId;
    try {
      value = new JsonObject(record.value());
      eventId = UUID.fromString(value.getString("event_id"));
    } catch (RuntimeException e) {
      return;
    }
    String replica = value.getString("replica");
    if (replicaId.equals(replica) || replica == null) return;
    Map<UUID, JsonObject> viewers = new LinkedHashMap<>();
    for (Object viewer : value.getJsonArray("viewers", new JsonArray())) {
      if (viewer instanceof JsonObject v && v.getString("user_id") != null) {
        viewers.put(UUID.fromString(v.getString("user_id")), v);
      }
    }
    Map<String, Remote> replicas = remote.computeIfAbsent(eventId, id -> new HashMap<>());
    Remote before = replicas.get(replica);
    if (viewers.isEmpty()) replicas.remove(replica);
    else replicas.put(replica, new Remote(viewers, System.nanoTime() + limits.presenceExpiry().toNanos()));
    if (replicas.isEmpty()) remote.remove(eventId);
    // A heartbeat repeating the same list changes nothing anyone sees.
    if (before == null || !before.viewers().keySet().equals(viewers.keySet())) tellViewers(eventId);
  }

  /** Repeats this replica's lists; forgets the lists of replicas that stopped repeating theirs. */
  private void beat() {
    local.watchedEvents().forEach(eventId -> {
      Map<UUID, JsonObject> viewers = local.viewers(eventId);
      if (!viewers.isEmpty()) publish(eventId, viewers);
    });
    long now = System.nanoTime();
    for (UUID eventId : new ArrayList<>(remote.keySet())) {
      Map<String, Remote> replicas = remote.get(eventId);
      if (replicas.values().removeIf(r -> r.expiresAtNanos() <= now)) {
        if (replicas.isEmpty()) remote.remove(eventId);
        tellViewers(eventId);
      }
    }
  }

  /** Says this replica's viewers are gone, then stops. */
  Future<Void> close() {
    vertx.cancelTimer(heartbeat);
    List<Future<?>> goodbyes = new ArrayList<>();
    for (UUID eventId : local.watchedEvents()) {
      if (!local.viewers(eventId).isEmpty()) goodbyes.add(publish(eventId, Map.of()));
    }
    return Future.join(goodbyes).transform(v -> Future.join(producer.close(), consumer.close())).mapEmpty();
  }
}
