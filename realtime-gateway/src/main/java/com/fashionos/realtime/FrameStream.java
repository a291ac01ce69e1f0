package com.fashionos.realtime;

import com.fashionos.platform.auth.Principal;
import com.fashionos.realtime.FrameVisibility.Permission;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What every transport of frames shares (the WebSocket {@link Connection} and the SSE
 * {@link EventStream}): its subscriptions, the access check and replay at subscribe, and the
 * bounded outgoing queue, and which frames each subscription may see. Subclasses say how a message
 * is written and what each outcome looks like on their wire. Everything runs on the verticle's
 * event loop.
 */
abstract class FrameStream {
  protected final EventAccess access;
  private final ChangeFeed feed;
  private final Subscriptions registry;
  private final int maxQueuedFrames;
  private final Map<UUID, Subscription> subscriptions = new HashMap<>();
  /** Messages not yet handed to the transport, because its write queue is full. */
  private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
  /** Who is signed in; null until then. */
  protected Principal principal;
  private boolean closed;

  /** A message and its JSON text (a frame's is encoded once for all its subscribers). */
  private record Outgoing(UUID eventId, JsonObject message, String text) {}

  FrameStream(EventAccess access, ChangeFeed feed, Subscriptions registry, int maxQueuedFrames) {
    this.access = access;
    this.feed = feed;
    this.registry = registry;
    this.maxQueuedFrames = maxQueuedFrames;
    registry.opened(this);
    registry.metrics.opened(transport());
  }

  /**
   * This replica stops: the client is told to reconnect (it lands on another replica and resumes
   * from its cursor), then the stream ends.
   */
  abstract void reconnect();

  static JsonObject reconnectMessage() {
    return new JsonObject().put("type", "reconnect").put("reason", "server_restart");
  }

  /** The transport's label in the metrics ({@link RealtimeMetrics}). */
  abstract String transport();

  // The transport.
  abstract boolean writeQueueFull();

  /** Writes the message, whose JSON encoding is {@code text}. */
  abstract void write(JsonObject message, String text);

  abstract void whenDrained(Runnable flush);

  /** The queue was emptied into the transport. */
  void flushed() {}

  // What each outcome of a subscription looks like to the client.
  /** Access granted; replayed frames follow. */
  void allowed(UUID eventId) {}

  abstract void refused(UUID eventId, EventAccess.Verdict verdict);

  abstract void live(UUID eventId, Cursor cursor);

  abstract void resync(UUID eventId, String reason);

  abstract void revoked(UUID eventId);

  /** Whether this transport's live subscribers count as, and are told about, an event's viewers. */
  boolean showsPresence() {
    return false;
  }

  final boolean isClosed() {
    return closed;
  }

  final boolean isSubscribed(UUID eventId) {
    return subscriptions.containsKey(eventId);
  }

  final void unsubscribe(UUID eventId) {
    Subscription subscription = subscriptions.get(eventId);
    if (subscription != null) subscription.end();
  }

  /**
   * Registers, checks access with the user's token, sends what was missed since {@code cursorText}
   * (none when null), then goes live; or refuses, or asks for a resync.
   */
  final void subscribe(UUID eventId, String cursorText, String accessToken) {
    // Registered before the access check, so a removal from the team that arrives meanwhile ends it too.
    Subscription subscription = new Subscription(eventId);
    subscriptions.put(eventId, subscription);
    registry.add(subscription);
    registry.metrics.subscribed(transport());
    access.check(eventId, principal.userId(), accessToken).onSuccess(checked -> {
      if (!subscription.isCurrent()) return; // unsubscribed, revoked or closed meanwhile
      if (!checked.allowed()) {
        subscription.end();
        refused(eventId, checked.verdict());
        return;
      }
      // A team change seen meanwhile is at least as new as this answer.
      if (subscription.permission == null) subscription.permission = checked.permission();
      allowed(eventId);
      // Frames arriving while the replay is read (from Kafka, that takes a while) wait behind it.
      subscription.held = new ArrayList<>();
      feed.replay(eventId, cursorText).onSuccess(replay -> subscription.catchUp(replay));
    });
  }

  /** An event's subscription on this stream; pending until the access check said yes. */
  final class Subscription {
    private final UUID eventId;
    /** Frames that came live while the replay was being read; null when not catching up. */
    private List<ChangeFeed.Frame> held;
    private boolean live;
    /**
     * The user's permission on the event: which frames they see. Set by the access check, then
     * kept current by the team changes in the stream; null until known (nothing is shown).
     */
    private Permission permission;

    private Subscription(UUID eventId) {
      this.eventId = eventId;
    }

    UUID eventId() {
      return eventId;
    }

    Principal principal() {
      return principal;
    }

    UUID userId() {
      return principal.userId();
    }

    /** Counted among the event's viewers. */
    boolean present() {
      return live && showsPresence();
    }

    private boolean isCurrent() {
      return subscriptions.get(eventId) == this;
    }

    /** The missed frames, then what came meanwhile and was not in them, then live. */
    private void catchUp(ChangeFeed.Replay replay) {
      if (!isCurrent()) return;
      List<ChangeFeed.Frame> meanwhile = held;
      held = null;
      if (replay.resyncReason() != null) {
        end();
        resync(eventId, replay.resyncReason());
        return;
      }
      // Bounded by the buffer or the replay limit, so the replay may exceed the live queue limit.
      // Frames the user may not read are left out; the next frame's cursor (or "subscribed"'s) is past them.
      replay.frames().forEach(this::enqueueIfReadable);
      for (ChangeFeed.Frame frame : meanwhile) {
        if (frame.offset() >= replay.upTo().getOrDefault(frame.partition(), 0L)) enqueueIfReadable(frame);
      }
      live = true;
      live(eventId, feed.cursor(eventId));
      if (showsPresence()) registry.presenceChanged(eventId, this);
    }

    void deliver(ChangeFeed.Frame frame) {
      // Left out: it takes no room in the bounds, and the next frame's cursor is past it.
      if (!frame.readableBy(permission)) return;
      if (held != null) {
        if (held.size() < maxQueuedFrames) {
          held.add(frame);
        } else {
          end();
          resync(eventId, "slow_client");
          registry.metrics.slowClientDropped(transport());
        }
        return;
      }
      if (!live) return;
      if (queue.size() >= maxQueuedFrames) {
        // The client cannot keep up: its backlog of this event goes, it resumes from its cursor.
        end();
        resync(eventId, "slow_client");
        registry.metrics.slowClientDropped(transport());
        return;
      }
      enqueue(eventId, frame.json(), frame.text());
    }

    private void enqueueIfReadable(ChangeFeed.Frame frame) {
      if (frame.readableBy(permission)) enqueue(eventId, frame.json(), frame.text());
    }

    /** The user's team row changed: what they see from this frame on follows it. */
    void permissionChanged(Permission now) {
      permission = now;
    }

    /** A control message about the event (presence), to a live subscription only. */
    void tell(JsonObject message) {
      if (live) send(message);
    }

    /** The user lost the event: nothing more of it, not even what is already queued. */
    void revoke() {
      end();
      revoked(eventId);
    }

    /** Stops the subscription and drops what of it still waits in the queue. */
    void end() {
      if (!subscriptions.remove(eventId, this)) return;
      registry.remove(this);
      registry.metrics.unsubscribed(transport());
      queue.removeIf(outgoing -> eventId.equals(outgoing.eventId()));
      boolean wasPresent = present();
      live = false;
      held = null;
      if (wasPresent) registry.presenceChanged(eventId, null);
    }
  }

  /** Control messages are never dropped: they are few and replace dropped frames. */
  final void send(JsonObject message) {
    // Queued without an event id, so ending a subscription does not remove them.
    enqueue(null, message, message.encode());
  }

  private void enqueue(UUID eventId, JsonObject message, String text) {
    if (closed) return;
    queue.addLast(new Outgoing(eventId, message, text));
    flush();
  }

  private void flush() {
    if (closed) return;
    while (!queue.isEmpty() && !writeQueueFull()) {
      Outgoing next = queue.pollFirst();
      write(next.message(), next.text());
      registry.metrics.sent(transport());
    }
    if (queue.isEmpty()) flushed();
    else whenDrained(this::flush);
  }

  /** The client is gone: every subscription ends (the others see this viewer leave). */
  void closed() {
    if (closed) return;
    closed = true;
    registry.closed(this);
    registry.metrics.closed(transport());
    List.copyOf(subscriptions.values()).forEach(Subscription::end);
    queue.clear();
  }

  static JsonObject resyncMessage(UUID eventId, String reason) {
    return new JsonObject().put("type", "resync_required").put("event_id", eventId.toString()).put("reason", reason);
  }

  static JsonObject revokedMessage(UUID eventId) {
    return new JsonObject().put("type", "error").put("event_id", eventId.toString())
        .put("code", "access_revoked").put("message", "You are no longer on this event's team");
  }

  static JsonObject subscribedMessage(UUID eventId, Cursor cursor) {
    return new JsonObject().put("type", "subscribed").put("event_id", eventId.toString()).put("cursor", cursor.encode());
  }
}
