package com.fashionos.realtime;

import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.config.ServiceConfig;
import java.time.Duration;

/**
 * What the realtime gateway reads once at start.
 *
 * @param host the address to listen on, as {@link ServiceConfig#host()}
 * @param eventsServiceUrl where subscriptions are authorized: the gateway asks events-service
 *     whether the user may read the event, with the user's own token
 */
public record RealtimeConfig(String host, int port, KafkaConfig kafka, AuthConfig auth, String eventsServiceUrl,
    Limits limits) {

  /**
   * The gateway's bounds and clocks.
   *
   * @param bufferedFramesPerEvent recent frames kept in memory per event; older cursors are
   *     served from Kafka
   * @param queuedFramesPerConnection frames waiting for a slow client before its subscription is
   *     dropped with "resync required" (memory stays bounded whatever the client does)
   * @param replayedFrames the most missed frames one resume is given; more gets "resync required"
   * @param idleEvent how long the frames of an event nobody here follows stay in memory
   * @param ping how often the server pings a WebSocket client
   * @param deadAfter how long a client may stay silent before the server closes it
   * @param presenceHeartbeat how often a replica repeats who views events on it; the others drop
   *     a replica's viewers after three missed heartbeats
   */
  public record Limits(int bufferedFramesPerEvent, int queuedFramesPerConnection, int replayedFrames,
      Duration idleEvent, Duration ping, Duration deadAfter, Duration presenceHeartbeat) {

    public static final Limits DEFAULTS = new Limits(1000, 500, 10_000, Duration.ofMinutes(10),
        Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(5));

    public Limits {
      if (bufferedFramesPerEvent < 1 || queuedFramesPerConnection < 1 || replayedFrames < 1) {
        throw new IllegalArgumentException("Frame limits must be positive");
      }
      if (deadAfter.compareTo(ping) <= 0) throw new IllegalArgumentException("deadAfter must exceed ping");
    }

    public Limits withBufferedFramesPerEvent(int frames) {
      return new Limits(frames, queuedFramesPerConnection, replayedFrames, idleEvent, ping, deadAfter, presenceHeartbeat);
    }

    public Limits withQueuedFramesPerConnection(int frames) {
      return new Limits(bufferedFramesPerEvent, frames, replayedFrames, idleEvent, ping, deadAfter, presenceHeartbeat);
    }

    public Limits withHeartbeat(Duration ping, Duration deadAfter) {
      return new Limits(bufferedFramesPerEvent, queuedFramesPerConnection, replayedFrames, idleEvent, ping, deadAfter,
          presenceHeartbeat);
    }

    public Limits withPresenceHeartbeat(Duration heartbeat) {
      return new Limits(bufferedFramesPerEvent, queuedFramesPerConnection, replayedFrames, idleEvent, ping, deadAfter,
          heartbeat);
    }

    /** The time a replica's viewers outlive its last heartbeat. */
    Duration presenceExpiry() {
      return presenceHeartbeat.multipliedBy(3);
    }
  }

  public RealtimeConfig {
    eventsServiceUrl = eventsServiceUrl.endsWith("/")
        ? eventsServiceUrl.substring(0, eventsServiceUrl.length() - 1) : eventsServiceUrl;
  }

  /** A gateway in this process, reachable only from this host (standalone, tests). */
  public RealtimeConfig(int port, KafkaConfig kafka, AuthConfig auth, String eventsServiceUrl) {
    this(ServiceConfig.LOOPBACK, port, kafka, auth, eventsServiceUrl, Limits.DEFAULTS);
  }

  public RealtimeConfig withLimits(Limits other) {
    return new RealtimeConfig(host, port, kafka, auth, eventsServiceUrl, other);
  }

  /**
   * BIND_HOST (0.0.0.0), PORT (8084), KAFKA_*, JWT_SECRET/JWKS_URL, EVENTS_SERVICE_URL, REALTIME_BUFFERED_FRAMES (1000),
   * REALTIME_QUEUED_FRAMES (500), REALTIME_REPLAYED_FRAMES (10000), REALTIME_IDLE_EVENT_SECONDS
   * (600), REALTIME_PING_SECONDS (20), REALTIME_DEAD_AFTER_SECONDS (60),
   * REALTIME_PRESENCE_HEARTBEAT_SECONDS (5).
   */
  public static RealtimeConfig fromEnv(Env env) {
    Limits d = Limits.DEFAULTS;
    Limits limits = new Limits(
        env.getInt("REALTIME_BUFFERED_FRAMES", d.bufferedFramesPerEvent()),
        env.getInt("REALTIME_QUEUED_FRAMES", d.queuedFramesPerConnection()),
        env.getInt("REALTIME_REPLAYED_FRAMES", d.replayedFrames()),
        seconds(env, "REALTIME_IDLE_EVENT_SECONDS", d.idleEvent()),
        seconds(env, "REALTIME_PING_SECONDS", d.ping()),
        seconds(env, "REALTIME_DEAD_AFTER_SECONDS", d.deadAfter()),
        seconds(env, "REALTIME_PRESENCE_HEARTBEAT_SECONDS", d.presenceHeartbeat()));
    return new RealtimeConfig(ServiceConfig.host(env), ServiceConfig.port(env), ServiceConfig.kafka(env), AuthConfig.fromEnv(env, null),
        env.get("EVENTS_SERVICE_URL", "http://events-service:8080"), limits);
  }

  private static Duration seconds(Env env, String name, Duration fallback) {
    return Duration.ofSeconds(env.getInt(name, (int) fallback.toSeconds()));
  }
}
