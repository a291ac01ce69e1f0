package com.fashionos.realtime;

import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.KafkaConfig;

/**
 * What the realtime gateway reads once at start.
 *
 * @param eventsServiceUrl where subscriptions are authorized: the gateway asks events-service
 *     whether the user may read the event, with the user's own token
 * @param maxBufferedFramesPerEvent recent frames kept per event for reconnecting clients; a cursor
 *     older than that gets "resync required"
 * @param maxQueuedFramesPerConnection frames waiting for a slow socket before its subscription is
 *     dropped with "resync required" (memory stays bounded whatever the client does)
 */
public record RealtimeConfig(int port, KafkaConfig kafka, AuthConfig auth, String eventsServiceUrl,
    int maxBufferedFramesPerEvent, int maxQueuedFramesPerConnection) {

  public static final int DEFAULT_BUFFERED_FRAMES_PER_EVENT = 1000;
  public static final int DEFAULT_QUEUED_FRAMES_PER_CONNECTION = 500;

  public RealtimeConfig {
    if (maxBufferedFramesPerEvent < 1 || maxQueuedFramesPerConnection < 1) {
      throw new IllegalArgumentException("Frame limits must be positive");
    }
    eventsServiceUrl = eventsServiceUrl.endsWith("/")
        ? eventsServiceUrl.substring(0, eventsServiceUrl.length() - 1) : eventsServiceUrl;
  }

  /** PORT (8084), KAFKA_*, JWT_SECRET/JWKS_URL, EVENTS_SERVICE_URL, REALTIME_BUFFERED_FRAMES, REALTIME_QUEUED_FRAMES. */
  public static RealtimeConfig fromEnv(com.fashionos.platform.config.Env env) {
    return new RealtimeConfig(env.getInt("PORT", 8084), com.fashionos.platform.config.ServiceConfig.kafka(env),
        AuthConfig.fromEnv(env, null), env.get("EVENTS_SERVICE_URL", "http://events-service:8080"),
        env.getInt("REALTIME_BUFFERED_FRAMES", DEFAULT_BUFFERED_FRAMES_PER_EVENT),
        env.getInt("REALTIME_QUEUED_FRAMES", DEFAULT_QUEUED_FRAMES_PER_CONNECTION));
  }

  public RealtimeConfig(int port, KafkaConfig kafka, AuthConfig auth, String eventsServiceUrl) {
    this(port, kafka, auth, eventsServiceUrl, DEFAULT_BUFFERED_FRAMES_PER_EVENT, DEFAULT_QUEUED_FRAMES_PER_CONNECTION);
  }
}
