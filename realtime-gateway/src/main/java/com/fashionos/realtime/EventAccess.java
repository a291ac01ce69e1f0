package com.fashionos.realtime;

import com.fashionos.realtime.FrameVisibility.Permission;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;

/**
 * Whether a user may read an event, and with which permission, answered by events-service itself
 * with the user's token, so the gateway applies exactly the rules (row-level security) the API
 * applies. The permission decides which of the event's frames the user is shown
 * ({@link FrameVisibility}).
 */
final class EventAccess {
  /** What events-service said. */
  enum Verdict { ALLOWED, NOT_FOUND, UNAVAILABLE }

  /** The verdict and, when allowed, the user's permission on the event. */
  record Access(Verdict verdict, Permission permission) {
    static final Access NOT_FOUND = new Access(Verdict.NOT_FOUND, null);
    static final Access UNAVAILABLE = new Access(Verdict.UNAVAILABLE, null);

    boolean allowed() {
      return verdict == Verdict.ALLOWED;
    }
  }

  private static final long TIMEOUT_MS = 5000;
  private final WebClient client;
  private final String eventsServiceUrl;

  EventAccess(WebClient client, String eventsServiceUrl) {
    this.client = client;
    this.eventsServiceUrl = eventsServiceUrl;
  }

  /** Reads the event as the user; their permission is their team row's in the answer. */
  Future<Access> check(UUID eventId, UUID userId, String accessToken) {
    return client.getAbs(eventsServiceUrl + "/api/v1/events/" + eventId)
        .putHeader("Authorization", "Bearer " + accessToken)
        .timeout(TIMEOUT_MS)
        .send()
        .map(response -> switch (response.statusCode()) {
          case 200 -> new Access(Verdict.ALLOWED, permission(response.bodyAsJsonObject(), userId));
          // Someone else's event looks the same as a missing one: its existence is not revealed.
          case 401, 403, 404 -> Access.NOT_FOUND;
          default -> Access.UNAVAILABLE;
        })
        .otherwise(Access.UNAVAILABLE);
  }

  /**
   * The user's permission from the event's team; without a team row they read it as its creator,
   * which is what a view-only member reads.
   */
  private static Permission permission(JsonObject answer, UUID userId) {
    String user = userId.toString();
    for (Object item : answer.getJsonObject("event").getJsonArray("team")) {
      if (item instanceof JsonObject member && user.equals(member.getString("user_id"))) {
        return Permission.of(member.getString("role"), member.getString("permissions"));
      }
    }
    return Permission.VIEW_ONLY;
  }
}
