package com.fashionos.realtime;

import com.fashionos.platform.auth.Principal;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Who follows what on this replica: which streams follow which event (the change feed's frames
 * are fanned out here, and this replica's viewers of an event are worked out from it), and which
 * WebSockets each signed-in user has (for their notifications).
 */
final class Subscriptions implements ChangeFeed.Sink {
  private final Map<UUID, Set<FrameStream.Subscription>> byEvent = new HashMap<>();
  private final Map<UUID, Set<Connection>> byUser = new HashMap<>();
  /** Every open stream, signed in or not: all are told to reconnect when this replica stops. */
  private final Set<FrameStream> open = new LinkedHashSet<>();
  private BiConsumer<UUID, FrameStream.Subscription> presenceListener = (eventId, joiner) -> {};
  final RealtimeMetrics metrics;

  Subscriptions(RealtimeMetrics metrics) {
    this.metrics = metrics;
  }

  void add(FrameStream.Subscription subscription) {
    byEvent.computeIfAbsent(subscription.eventId(), id -> new LinkedHashSet<>()).add(subscription);
  }

  void remove(FrameStream.Subscription subscription) {
    Set<FrameStream.Subscription> followers = byEvent.get(subscription.eventId());
    if (followers == null) return;
    followers.remove(subscription);
    if (followers.isEmpty()) byEvent.remove(subscription.eventId());
  }

  void opened(FrameStream stream) {
    open.add(stream);
  }

  void closed(FrameStream stream) {
    open.remove(stream);
  }

  /** This replica stops: every client is told to reconnect elsewhere. */
  void reconnectAll() {
    List.copyOf(open).forEach(FrameStream::reconnect);
  }

  void signedIn(UUID userId, Connection connection) {
    byUser.computeIfAbsent(userId, id -> new LinkedHashSet<>()).add(connection);
  }

  void signedOut(UUID userId, Connection connection) {
    Set<Connection> connections = byUser.get(userId);
    if (connections == null) return;
    connections.remove(connection);
    if (connections.isEmpty()) byUser.remove(userId);
  }

  @Override
  public void revoke(UUID eventId, UUID userId) {
    // Copied: revoking removes subscriptions from the set being walked.
    for (FrameStream.Subscription subscription : followers(eventId)) {
      if (subscription.userId().equals(userId)) subscription.revoke();
    }
  }

  /**
   * Fans the frame out. A team row that changes someone's permission applies to their
   * subscriptions first, pending ones included, so the frame that says so and everything after it
   * is shown by the new permission (as the REST API would answer from then on).
   */
  @Override
  public void deliver(UUID eventId, ChangeFeed.Frame frame) {
    List<FrameStream.Subscription> followers = followers(eventId);
    FrameVisibility.standing(frame.json()).ifPresent(standing -> followers.stream()
        .filter(subscription -> subscription.userId().equals(standing.userId()))
        .forEach(subscription -> subscription.permissionChanged(standing.permission())));
    for (FrameStream.Subscription subscription : followers) subscription.deliver(frame);
  }

  @Override
  public void notify(Notifications.Notification notification) {
    for (Connection connection : List.copyOf(byUser.getOrDefault(notification.userId(), Set.of()))) {
      connection.notifyOf(notification.eventId(), notification.message());
    }
  }

  @Override
  public boolean isWatched(UUID eventId) {
    return byEvent.containsKey(eventId);
  }

  /** Who is told when an event's viewers here change (the presence board). */
  void onPresenceChange(BiConsumer<UUID, FrameStream.Subscription> listener) {
    presenceListener = listener;
  }

  /**
   * A subscription to the event started ({@code joiner}) or one ended (null) on this replica:
   * the viewers may have changed.
   */
  void presenceChanged(UUID eventId, FrameStream.Subscription joiner) {
    presenceListener.accept(eventId, joiner);
  }

  /** This replica's viewers of the event, each user once (a user with two tabs is one viewer). */
  Map<UUID, JsonObject> viewers(UUID eventId) {
    Map<UUID, JsonObject> viewers = new LinkedHashMap<>();
    for (FrameStream.Subscription subscription : followers(eventId)) {
      if (!subscription.present()) continue;
      Principal principal = subscription.principal();
      viewers.computeIfAbsent(principal.userId(), id -> {
        JsonObject viewer = new JsonObject().put("user_id", id.toString());
        if (principal.fullName() != null && !principal.fullName().isBlank()) viewer.put("name", principal.fullName());
        return viewer;
      });
    }
    return viewers;
  }

  /** A presence message to every subscriber here that counts as a viewer. */
  void tellPresent(UUID eventId, JsonObject message) {
    for (FrameStream.Subscription subscription : followers(eventId)) {
      if (subscription.present()) subscription.tell(message);
    }
  }

  /** The events followed here. */
  List<UUID> watchedEvents() {
    return List.copyOf(byEvent.keySet());
  }

  private List<FrameStream.Subscription> followers(UUID eventId) {
    return List.copyOf(byEvent.getOrDefault(eventId, Set.of()));
  }
}
