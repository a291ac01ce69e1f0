package com.fashionos.gateway;

import com.fashionos.gateway.identity.IdentityApi;
import com.fashionos.platform.auth.AuthConfig;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.config.DatabaseConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Migrations;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.health.Lifecycle;
import com.fashionos.platform.health.Metrics;
import com.fashionos.platform.health.ServiceRouter;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.InvalidRequests;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The single origin the frontend talks to. {@code /api/**} needs a valid access token and goes to
 * the service the routing table names; {@code /realtime/**} (WebSocket or plain HTTP fallback) goes
 * to the realtime backend, which authenticates its subscribers itself (browsers cannot send an
 * Authorization header on a WebSocket upgrade); download links ({@code /public/**}, and the signed
 * {@code /storage/**}) go to files-service without a token. With identity on, {@code /auth/v1/**} is the
 * standalone Supabase-compatible identity. Everything gets a request id, CORS, a rate limit and an
 * access log line; JSON answers get ETags, 304s and gzip ({@link JsonAnswers}).
 */
public final class ApiGatewayVerticle extends VerticleBase implements Lifecycle {
  private static final long PRUNE_EVERY_MS = 60_000;
  private static final ServiceSchema IDENTITY = new ServiceSchema("identity", null);
  /** Member data may sit in the browser's cache only to be revalidated (ETag, 304) before every use. */
  static final String MEMBER_DATA_CACHING = "private, no-cache";
  /** Tokens (RFC 6749 section 5.1) are never stored. */
  static final String NEVER_STORED = "no-store";

  private final GatewayConfig config;
  private final AuthConfig auth;
  private final DatabaseConfig identityDatabase;
  private ServiceRouter serviceRouter;
  private HttpServer server;
  private HttpClient backends;
  private HttpClient tunnels;
  private Database database;
  private RateLimiter limiter;
  private RateLimiter upgradeLimiter;
  private GatewayMetrics metrics;
  private long pruneTimer = -1;
  private Future<?> readinessGate = Future.succeededFuture();
  private Future<Void> stopping;

  /**
   * @param identityDatabase where the identity schema lives; may be null when identity is off.
   *     With identity on, {@code auth} must carry the HS256 secret the identity signs with.
   */
  public ApiGatewayVerticle(GatewayConfig config, AuthConfig auth, DatabaseConfig identityDatabase) {
    this.config = Objects.requireNonNull(config, "config");
    this.auth = Objects.requireNonNull(auth, "auth");
    if (config.identityEnabled() && (auth.jwtSecret() == null || auth.jwtSecret().isBlank())) {
      throw new IllegalArgumentException("The standalone identity signs tokens with JWT_SECRET; set it or turn IDENTITY_ENABLED off");
    }
    if (config.identityEnabled() && identityDatabase == null) {
      throw new IllegalArgumentException("The standalone identity needs a database");
    }
    this.identityDatabase = identityDatabase;
  }

  @Override
  public Future<?> start() {
    serviceRouter = new ServiceRouter(vertx, ApiGatewayVerticle::proxied);
    GatewayConfig.Capacity capacity = config.capacity();
    backends = vertx.httpClientBuilder().with(new PoolOptions().setHttp1MaxSize(capacity.backendPoolSize())).build();
    // A tunnel keeps its backend connection until it closes: tunnels get a client of their own, as
    // large as the tunnel limit, so the request pool is never taken by sockets. A connection left
    // by a refused upgrade closes after a second idle (keep-alive off would send Connection: close
    // and spoil the upgrade), so nothing idles there.
    tunnels = vertx.httpClientBuilder().with(new HttpClientOptions().setKeepAliveTimeout(1))
        .with(new PoolOptions().setHttp1MaxSize(capacity.webSocketMaxConnections())).build();
    if (config.rateLimitPerMinute() > 0) limiter = new RateLimiter(config.rateLimitPerMinute());
    if (capacity.webSocketUpgradesPerMinute() > 0) upgradeLimiter = new RateLimiter(capacity.webSocketUpgradesPerMinute());
    if (limiter != null || upgradeLimiter != null) {
      pruneTimer = vertx.setPeriodic(PRUNE_EVERY_MS, id -> {
        long now = System.currentTimeMillis();
        if (limiter != null) limiter.prune(now);
        if (upgradeLimiter != null) upgradeLimiter.prune(now);
      });
    }
    Future<IdentityApi> identity = config.identityEnabled()
        ? Database.open(vertx, identityDatabase, IDENTITY)
            .compose(db -> {
              database = db;
              return IdentityApi.create(vertx, db, auth);
            })
        : Future.succeededFuture(null);
    return identity
        .compose(identityApi -> TokenVerifier.create(vertx, auth).map(verifier -> routes(verifier, identityApi)))
        .compose(router -> vertx.createHttpServer().invalidRequestHandler(InvalidRequests::answer)
            .requestHandler(router).listen(config.port(), config.host()))
        .onSuccess(listening -> {
          server = listening;
          readinessGate.onSuccess(done -> serviceRouter.markReady());
        });
  }

  private Router routes(TokenVerifier verifier, IdentityApi identity) {
    Router router = serviceRouter.router();
    // Before ServiceRouter's own handlers, so the body limit's 413s are logged too.
    router.route().order(-1).handler(new AccessLog());
    router.route().handler(new Cors(config.corsAllowedOrigins()));

    BackendProxy proxy = new BackendProxy(backends, tunnels, config.capacity().webSocketMaxConnections(),
        config.backendTimeout().toMillis());
    metrics = new GatewayMetrics(Metrics.registry(vertx));
    Authentication authentication = new Authentication(verifier);
    router.get(OpenApiDocument.PATH).handler(rateLimit(ApiGatewayVerticle::clientKey)).handler(new OpenApiDocument());
    router.route("/api/*")
        .handler(ApiGatewayVerticle::holdBody)
        .handler(ctx -> cacheControlUnlessSet(ctx, MEMBER_DATA_CACHING))
        .handler(authentication)
        .handler(ctx -> {
          AccessLog.user(ctx, Authentication.principal(ctx).userId());
          ctx.next();
        })
        .handler(rateLimit(ctx -> "user:" + Authentication.principal(ctx).userId()))
        .handler(ctx -> proxy.forward(ctx, backend(ctx), uri(ctx)));
    // Public files: anyone may read them, so no token; limited per client address.
    router.get("/public/*")
        .handler(ApiGatewayVerticle::holdBody)
        .handler(rateLimit(ApiGatewayVerticle::clientKey))
        .handler(ctx -> proxy.forward(ctx, backend(ctx), uri(ctx)));
    // Signed download links: no token (files-service checks the signature); limited per client address.
    router.route("/storage/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ApiGatewayVerticle::holdBody)
        .handler(rateLimit(ApiGatewayVerticle::clientKey))
        .handler(ctx -> proxy.forward(ctx, backend(ctx), uri(ctx)));
    // Upgrades have a limit of their own: a socket is one request for its whole life, and a page's
    // sockets must not eat its budget of API calls (nor the other way round).
    Handler<RoutingContext> requestLimit = rateLimit(limiter, config.rateLimitPerMinute(), ApiGatewayVerticle::clientKey);
    Handler<RoutingContext> upgradeLimit = rateLimit(upgradeLimiter, config.capacity().webSocketUpgradesPerMinute(),
        ApiGatewayVerticle::clientKey);
    router.route("/realtime/*")
        .handler(ApiGatewayVerticle::holdBody)
        .handler(ctx -> {
          if (ctx.request().canUpgradeToWebSocket()) upgradeLimit.handle(ctx);
          else requestLimit.handle(ctx);
        })
        .handler(ctx -> {
          ServiceRoute route = backend(ctx);
          if (ctx.request().canUpgradeToWebSocket()) proxy.tunnel(ctx, route, uri(ctx));
          else proxy.forward(ctx, route, uri(ctx));
        });
    if (identity != null) {
      // Keyed by client address: sign-in attempts are what this limit slows down.
      router.route("/auth/v1/*").handler(rateLimit(ApiGatewayVerticle::clientKey))
          .handler(ctx -> cacheControlUnlessSet(ctx, NEVER_STORED));
      identity.mount(router, verifier);
    }
    return router;
  }

  /** Requests whose bodies the proxy streams instead of ServiceRouter's 1 MiB body handler. */
  private static boolean proxied(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    return path.equals("/api") || path.startsWith("/api/") || path.equals("/realtime") || path.startsWith("/realtime/")
        || path.startsWith("/public/") || path.startsWith("/storage/");
  }

  /**
   * Pauses the body until the proxy pipes it, and lets whatever is left drain once the answer is
   * out (a 401 or 429 never reads it; a paused connection would stall the next request on it).
   */
  private static void holdBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    ctx.addEndHandler(done -> {
      if (!request.isEnded()) request.resume();
    });
    ctx.next();
  }

  private ServiceRoute backend(RoutingContext ctx) {
    ServiceRoute route = config.route(ctx.normalizedPath())
        .orElseThrow(() -> ApiException.notFound("Route " + ctx.request().path()));
    metrics.observe(ctx, route);
    return route;
  }

  /** The normalized path (dot segments resolved, as matched) with the original query string. */
  private static String uri(RoutingContext ctx) {
    String query = ctx.request().query();
    return ctx.normalizedPath() + (query == null ? "" : "?" + query);
  }

  private Handler<RoutingContext> rateLimit(Function<RoutingContext, String> key) {
    return rateLimit(limiter, config.rateLimitPerMinute(), key);
  }

  private static Handler<RoutingContext> rateLimit(RateLimiter limiter, int perMinute, Function<RoutingContext, String> key) {
    if (limiter == null) return RoutingContext::next;
    return ctx -> {
      long retryAfter = limiter.acquire(key.apply(ctx), System.currentTimeMillis());
      if (retryAfter == 0) {
        ctx.next();
        return;
      }
      ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
      ctx.fail(new ApiException(429, "rate_limited", "Too many requests: at most " + perMinute
          + " a minute; retry in " + retryAfter + " s"));
    };
  }

  private static String clientKey(RoutingContext ctx) {
    return "client:" + (ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().hostAddress());
  }

  /**
   * The backend's Cache-Control when it sends one (a public file's redirect may be cached a while),
   * {@code value} otherwise, errors included.
   */
  private static void cacheControlUnlessSet(RoutingContext ctx, String value) {
    ctx.addHeadersEndHandler(v -> {
      if (!ctx.response().headers().contains(HttpHeaders.CACHE_CONTROL)) {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, value);
      }
    });
    ctx.next();
  }

  /**
   * Keeps {@code /health/ready} at 503 until {@code gate} succeeds as well (standalone: until its
   * demo data is in). Call before deploying.
   */
  public void holdReadinessUntil(Future<?> gate) {
    readinessGate = gate;
  }

  /** The port the server listens on (the chosen one when the config said 0). */
  public int actualPort() {
    if (server == null) throw new IllegalStateException("The gateway is not listening yet");
    return server.actualPort();
  }

  /** The {@code migrate} mode: the standalone identity's schema, when identity is on. */
  @Override
  public void migrate() {
    if (identityDatabase != null) Migrations.migrate(identityDatabase, IDENTITY);
  }

  @Override
  public void drain() {
    if (serviceRouter != null) serviceRouter.markStopping();
  }

  /** Requests in flight (and tunnels) get {@code grace} to finish, then the backend pool and the identity's close. */
  @Override
  public synchronized Future<Void> shutdown(Duration grace) {
    if (stopping == null) {
      if (pruneTimer >= 0) vertx.cancelTimer(pruneTimer);
      Future<Void> requests = server == null ? Future.succeededFuture()
          : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
      stopping = requests
          .eventually(() -> backends == null ? Future.succeededFuture() : backends.close())
          .eventually(() -> tunnels == null ? Future.succeededFuture() : tunnels.close())
          .eventually(() -> database == null ? Future.succeededFuture() : database.close());
    }
    return stopping;
  }

  @Override
  public Future<?> stop() {
    return shutdown(Duration.ZERO);
  }
}
