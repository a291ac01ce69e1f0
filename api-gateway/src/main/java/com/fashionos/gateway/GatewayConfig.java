package com.fashionos.gateway;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.ServiceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the gateway is told, read once at start.
 *
 * @param host the address to listen on (every interface unless told otherwise: this is the public
 *     entry)
 * @param port the port to listen on; 0 picks a free one (see {@link ApiGatewayVerticle#actualPort()})
 * @param corsAllowedOrigins origins browsers may call from besides the gateway's own: exact origins
 *     ({@code https://app.example.com}) or any port of one host ({@code http://localhost:*}); empty
 *     means none but the gateway's own, {@code ["*"]} any origin
 * @param rateLimitPerMinute requests a user (or, before sign-in, a client address) may make in any
 *     60 seconds; 0 turns rate limiting off
 * @param identityEnabled whether the gateway serves the built-in {@code /auth/v1} identity (standalone
 *     turns it on; a deployment signs in with its provider unless it asks for this)
 * @param routes the routing table for {@code /api/**} and {@code /realtime/**}; the first row whose
 *     pattern matches wins
 * @param backendTimeout how long a backend may take to accept a connection, and then to send
 *     anything, before the caller gets 504
 * @param capacity how many backend connections and WebSockets the gateway holds
 */
public record GatewayConfig(String host, int port, List<String> corsAllowedOrigins, int rateLimitPerMinute,
    boolean identityEnabled, List<ServiceRoute> routes, Duration backendTimeout, Capacity capacity) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 100;
  public static final Duration DEFAULT_BACKEND_TIMEOUT = Duration.ofSeconds(30);
  /**
   * Standalone's origins when CORS_ALLOWED_ORIGINS is not set: a frontend's dev server on this
   * machine, on any port (plain http, loopback names only).
   */
  public static final List<String> LOCAL_DEV_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*",
      "http://[::1]:*");

  /**
   * The routing table in path order: a service's row must precede any broader row that would
   * also match its paths (tasks, budgets, expenses, files and contracts live under {@code /events/{id}/…}, so they
   * come before events).
   * New services add a row here; {@link #fromEnv} finds each service at {@code <SERVICE>_URL}.
   */
  public static final List<TableRow> TABLE = List.of(
      new TableRow("tasks-service", "^/api/v1/(events/[^/]+/tasks|me/tasks)(/.*)?$"),
      new TableRow("budget-service", "^/api/v1/events/[^/]+/(budget|expenses)(/.*)?$"),
      new TableRow("files-service", "^/api/v1/events/[^/]+/(files|contracts)(/.*)?$"),
      // Public files' stable addresses: no token (the spec's public buckets are read by anyone).
      new TableRow("files-service", "^/public/v1/files(/.*)?$"),
      // Signed download links: no token (the link's signature is the credential, checked by files-service).
      new TableRow("files-service", "^/storage/v1/files(/.*)?$"),
      // Polling fallback of the live feed.
      new TableRow("realtime-gateway", "^/api/v1/events/[^/]+/changes$"),
      new TableRow("events-service", "^/api/v1/(events|sponsors|designers|venues|profiles|invitations|me/notifications)(/.*)?$"),
      new TableRow("realtime-gateway", "^/realtime/v1(/.*)?$"));

  /**
   * What the gateway holds open at once.
   *
   * @param backendPoolSize HTTP connections per backend for proxied requests (more requests at
   *     once wait for one; the client's default of 5 would queue a busy gateway)
   * @param webSocketMaxConnections WebSocket tunnels held at once; the next upgrade is refused at
   *     once, 503 {@code too_many_connections}. Each tunnel has its own backend connection, outside
   *     the request pool, so the pool never caps tunnels below this
   * @param webSocketUpgradesPerMinute upgrades one client address may make in any 60 seconds (a
   *     reconnect storm or a script, not a user's few tabs); 429 {@code rate_limited} beyond; 0 = off
   */
  public record Capacity(int backendPoolSize, int webSocketMaxConnections, int webSocketUpgradesPerMinute) {
    public static final Capacity DEFAULTS = new Capacity(200, 10_000, 300);

    public Capacity {
      if (backendPoolSize < 1) throw new IllegalArgumentException("BACKEND_POOL_SIZE must be >= 1");
      if (webSocketMaxConnections < 1) throw new IllegalArgumentException("WEBSOCKET_MAX_CONNECTIONS must be >= 1");
      if (webSocketUpgradesPerMinute < 0) throw new IllegalArgumentException("WEBSOCKET_UPGRADES_PER_MINUTE must be >= 0");
    }

    static Capacity fromEnv(Env env) {
      return new Capacity(env.getInt("BACKEND_POOL_SIZE", DEFAULTS.backendPoolSize()),
          env.getInt("WEBSOCKET_MAX_CONNECTIONS", DEFAULTS.webSocketMaxConnections()),
          env.getInt("WEBSOCKET_UPGRADES_PER_MINUTE", DEFAULTS.webSocketUpgradesPerMinute()));
    }
  }

  /** A service's paths, before its address is known. */
  public record TableRow(String service, String pathRegex) {
    /** {@code events-service} is found at {@code EVENTS_SERVICE_URL}. */
    public String urlVariable() {
      return service.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
    }

    public ServiceRoute at(String baseUrl) {
      return ServiceRoute.of(service, pathRegex, baseUrl);
    }
  }

  public GatewayConfig(int port, List<String> corsAllowedOrigins, int rateLimitPerMinute, boolean identityEnabled,
      List<ServiceRoute> routes, Duration backendTimeout) {
    this(ServiceConfig.ALL_INTERFACES, port, corsAllowedOrigins, rateLimitPerMinute, identityEnabled, routes, backendTimeout,
        Capacity.DEFAULTS);
  }

  public GatewayConfig {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("PORT out of range: " + port);
    if (rateLimitPerMinute < 0) throw new IllegalArgumentException("RATE_LIMIT_PER_MINUTE must be >= 0");
    if (backendTimeout.isNegative() || backendTimeout.isZero()) {
      throw new IllegalArgumentException("BACKEND_TIMEOUT_MS must be > 0");
    }
    if (corsAllowedOrigins.contains(Cors.ANY) && corsAllowedOrigins.size() > 1) {
      throw new IllegalArgumentException("CORS_ALLOWED_ORIGINS: * means any origin; list no others with it");
    }
    corsAllowedOrigins.stream().filter(o -> !o.equals(Cors.ANY)).forEach(GatewayConfig::checkOrigin);
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    routes = List.copyOf(routes);
    Objects.requireNonNull(capacity, "capacity");
  }

  /** The same settings with other capacities. */
  public GatewayConfig withCapacity(Capacity other) {
    return new GatewayConfig(host, port, corsAllowedOrigins, rateLimitPerMinute, identityEnabled, routes, backendTimeout,
        other);
  }

  /**
   * Reads BIND_HOST (0.0.0.0), PORT, CORS_ALLOWED_ORIGINS (comma-separated; absent = only the gateway's
   * own origin, {@code *} = any),
   * RATE_LIMIT_PER_MINUTE, IDENTITY_ENABLED (default false), BACKEND_TIMEOUT_MS, the {@link Capacity}
   * (BACKEND_POOL_SIZE, WEBSOCKET_MAX_CONNECTIONS, WEBSOCKET_UPGRADES_PER_MINUTE) and one
   * {@code <SERVICE>_URL} per table row, defaulting to the service's cluster DNS name
   * ({@code http://events-service:8080}).
   */
  public static GatewayConfig fromEnv(Env env) {
    List<ServiceRoute> routes = TABLE.stream()
        .map(row -> row.at(env.get(row.urlVariable(), "http://" + row.service() + ":8080")))
        .toList();
    return new GatewayConfig(
        ServiceConfig.host(env),
        env.getInt("PORT", DEFAULT_PORT),
        origins(env.optional("CORS_ALLOWED_ORIGINS")),
        env.getInt("RATE_LIMIT_PER_MINUTE", DEFAULT_RATE_LIMIT_PER_MINUTE),
        bool(env, "IDENTITY_ENABLED", false),
        routes,
        Duration.ofMillis(env.getInt("BACKEND_TIMEOUT_MS", (int) DEFAULT_BACKEND_TIMEOUT.toMillis())),
        Capacity.fromEnv(env));
  }

  /** The first row matching {@code path}, if any. */
  public Optional<ServiceRoute> route(String path) {
    return routes.stream().filter(r -> r.matches(path)).findFirst();
  }

  private static List<String> origins(Optional<String> value) {
    if (value.isEmpty()) return List.of();
    return Arrays.stream(value.get().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** An origin, or one with {@code :*} for its port. */
  private static void checkOrigin(String origin) {
    URI uri;
    try {
      uri = URI.create(origin.endsWith(":*") ? origin.substring(0, origin.length() - 2) : origin);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getHost() == null || !uri.getRawPath().isEmpty()
        || uri.getRawQuery() != null || uri.getRawUserInfo() != null || uri.getRawFragment() != null || origin.endsWith("/")) {
      throw new IllegalArgumentException("CORS_ALLOWED_ORIGINS: '" + origin
          + "' is not an origin like https://app.example.com or http://localhost:*");
    }
  }

  private static boolean bool(Env env, String name, boolean defaultValue) {
    return env.optional(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
    }).orElse(defaultValue);
  }
}
