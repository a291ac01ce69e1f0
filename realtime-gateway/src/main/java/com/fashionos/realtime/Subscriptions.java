package com.fashionos.realtime;

import com.fashionos.platform.auth.Principal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which streams follow which event; the change feed's frames are fanned out here, and presence
 * (who views an event on this replica) is worked out from it.
 */
final class Subscriptions implements ChangeFeed.Sink {
  private final Map<UUID, Set<FrameStream.Subscription>> byEvent = new HashMap<>();

  void add(FrameStream.Subscription subscription) {
    byEvent.computeIfAbsent(subscription.eventId(), id -> new LinkedHashSet<>()).add(subscription);
  }

  void remove(FrameStream.Subscription subscription) {
    Set<FrameStream.Subscription> followers = byEvent.get(subscription.eventId());
    if (followers == null) return;
    followers.remove(subscription);
    if (followers.isEmpty()) byEvent.remove(subscription.eventId());
  }

  @Override
  public void revoke(UUID eventId, UUID userId) {
    // Copied: revoking removes subscriptions from the set being walked.
    for (FrameStream.Subscription subscription : followers(eventId)) {
      if (subscription.userId().equals(userId)) subscription.revoke();
    }
  }

  @Override
  public void deliver(UUID eventId, JsonObject frame) {
    for (FrameStream.Subscription subscription : followers(eventId)) subscription.deliver(frame);
  }

  /**
   * Someone started or stopped viewing the event: every present subscriber gets the viewers, each
   * user once (a user with two tabs is one viewer).
   */
  void presenceChanged(UUID eventId) {
    List<FrameStream.Subscription> present = followers(eventId).stream().filter(FrameStream.Subscription::present).toList();
    if (present.isEmpty()) return;
    Map<UUID, JsonObject> viewers = new LinkedHashMap<>();
    for (FrameStream.Subscription subscription : present) {
      Principal principal = subscription.principal();
      viewers.computeIfAbsent(principal.userId(), id -> {
        JsonObject viewer = new JsonObject().put("user_id", id.toString());
        if (principal.fullName() != null && !principal.fullName().isBlank()) viewer.put("name", principal.fullName());
        return viewer;
      });
    }
    JsonObject message = new JsonObject().put("type", "presence").put("event_id", eventId.toString())
        .put("viewers", new JsonArray(List.copyOf(viewers.values())));
    present.forEach(subscription -> subscription.tell(message));
  }

  private List<FrameStream.Subscription> followers(UUID eventId) {
    return List.copyOf(byEvent.getOrDefault(eventId, Set.of()));
  }
}
