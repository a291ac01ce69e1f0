package com.fashionos.realtime;

import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;

/**
 * Whether a user may read an event, answered by events-service itself with the user's token, so
 * the gateway applies exactly the rules (row-level security) the API applies.
 */
final class EventAccess {
  /** What events-service said. */
  enum Verdict { ALLOWED, NOT_FOUND, UNAVAILABLE }

  private static final long TIMEOUT_MS = 5000;
  private final WebClient client;
  private final String eventsServiceUrl;

  EventAccess(WebClient client, String eventsServiceUrl) {
    this.client = client;
    this.eventsServiceUrl = eventsServiceUrl;
  }

  Future<Verdict> check(UUID eventId, String accessToken) {
    return client.getAbs(eventsServiceUrl + "/api/v1/events/" + eventId)
        .putHeader("Authorization", "Bearer " + accessToken)
        .timeout(TIMEOUT_MS)
        .send()
        .map(response -> switch (response.statusCode()) {
          case 200 -> Verdict.ALLOWED;
          // Someone else's event looks the same as a missing one: its existence is not revealed.
          case 401, 403, 404 -> Verdict.NOT_FOUND;
          default -> Verdict.UNAVAILABLE;
        })
        .otherwise(Verdict.UNAVAILABLE);
  }
}
