package com.fashionos.gateway;

import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.health.ServiceRouter;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards one request to its backend and the answer back, streaming both bodies (uploads larger
 * than the gateway's own 1 MiB JSON limit pass through and the owning service enforces its
 * limit); only a request that may be sent again is held whole, up to 1 MiB, for its retries. A
 * sized JSON answer is held whole too, for its ETag and compression ({@link JsonAnswers}). Status,
 * end-to-end headers and the query string are kept;
 * hop-by-hop headers are dropped. WebSocket upgrades become a byte tunnel once the backend
 * answers 101, so frames, subprotocols and extensions are the backend's business.
 */
final class BackendProxy {
  private static final Logger LOG = LoggerFactory.getLogger(BackendProxy.class);
  /** RFC 9110 section 7.6.1, plus Host (the client's Host names the gateway, not the backend). */
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host", "expect");

  /** Tries after the first of a request whose backend connection broke; pauses of 50 ms doubling, 3.15 s in all. */
  static final int RETRIES = 6;
  private static final long FIRST_BACKOFF_MS = 50;
  private static final Set<HttpMethod> RETRIED_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final HttpClient client;
  private final HttpClient tunnels;
  private final int maxTunnels;
  private final long timeoutMs;
  /** Tunnels being opened or open; only touched on the gateway verticle's event loop. */
  private int openTunnels;

  /**
   * @param tunnels the client WebSocket tunnels connect with, its pool at least {@code maxTunnels}
   * @param maxTunnels tunnels held at once; the next upgrade is refused with 503 at once
   */
  BackendProxy(HttpClient client, HttpClient tunnels, int maxTunnels, long timeoutMs) {
    this.client = client;
    this.tunnels = tunnels;
    this.maxTunnels = maxTunnels;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Forwards a request the router has paused (its body is still unread). A request that may be
   * sent twice (see {@link #retryable}) is sent again when its backend connection breaks before
   * any answer, as when a replica stops: the next connection reaches another one.
   */
  void forward(RoutingContext ctx, ServiceRoute route, String uri) {
    HttpServerRequest req = ctx.request();
    if ("100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT))) req.response().writeContinue();
    if (!retryable(req)) {
      stream(ctx, route, uri);
      return;
    }
    if (!hasBody(req.headers())) {
      attempt(ctx, route, uri, null, 0);
      return;
    }
    Future<Buffer> body = req.body();
    req.resume();
    body.onSuccess(buffer -> attempt(ctx, route, uri, buffer, 0)).onFailure(ctx::fail);
  }

  /**
   * Safe methods, and requests whose Idempotency-Key makes a second delivery harmless, when their
   * body is small enough to keep for another try.
   */
  private static boolean retryable(HttpServerRequest req) {
    boolean repeatable = RETRIED_METHODS.contains(req.method()) || req.headers().contains(Mutation.IDEMPOTENCY_KEY);
    if (!repeatable || isChunked(req.headers())) return false;
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    try {
      return length == null || Long.parseLong(length.trim()) <= ServiceRouter.MAX_BODY_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** One try with the whole body; a connection that breaks before the answer is tried again after a pause that doubles. */
  private void attempt(RoutingContext ctx, ServiceRoute route, String uri, Buffer body, int retry) {
    client.request(options(ctx, route, uri, ctx.request().method()))
        .compose(out -> {
          out.exceptionHandler(BackendProxy::reportedElsewhere);
          return body == null ? out.send() : out.send(body);
        })
        .onSuccess(response -> relay(ctx, response))
        .onFailure(e -> {
          // A timeout may mean the backend is at work on it: that is answered, not repeated.
          if (retry >= RETRIES || e instanceof TimeoutException || ctx.response().closed()) {
            fail(ctx, route, e);
            return;
          }
          LOG.debug("{} {} -> {}: connection broke before an answer ({}), trying again", ctx.request().method(),
              ctx.request().path(), route.service(), e.toString());
          ctx.vertx().setTimer(FIRST_BACKOFF_MS << retry, id -> attempt(ctx, route, uri, body, retry + 1));
        });
  }

  /** Streams the body through as it comes; such a request is sent once. */
  private void stream(RoutingContext ctx, ServiceRoute route, String uri) {
    HttpServerRequest req = ctx.request();
    boolean chunked = isChunked(req.headers());
    boolean hasBody = hasBody(req.headers());
    client.request(options(ctx, route, uri, req.method()))
        .compose(out -> {
          out.exceptionHandler(BackendProxy::reportedElsewhere);
          if (chunked) out.setChunked(true);
          if (!hasBody) return out.end().compose(v -> out.response());
          // A client that disconnects mid-upload must not leave the backend a complete-looking body.
          req.pipe().endOnFailure(false).to(out).onFailure(e -> out.reset());
          return out.response();
        })
        .onSuccess(response -> relay(ctx, response))
        .onFailure(e -> fail(ctx, route, e));
  }

  /**
   * Opens the backend's WebSocket first, then upgrades the caller and joins the two sockets. Past
   * the tunnel limit the caller gets 503 {@code too_many_connections} at once, never a wait.
   */
  void tunnel(RoutingContext ctx, ServiceRoute route, String uri) {
    HttpServerRequest req = ctx.request();
    if (openTunnels >= maxTunnels) {
      ctx.response().putHeader("Retry-After", "5");
      ctx.fail(new ApiException(503, "too_many_connections", "This gateway holds " + maxTunnels
          + " WebSockets, its limit; retry shortly (another replica may take it)"));
      return;
    }
    openTunnels++;
    RequestOptions options = options(ctx, route, uri, HttpMethod.GET);
    options.getHeaders().set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE).set(HttpHeaders.UPGRADE, req.getHeader(HttpHeaders.UPGRADE));
    // An upgrade request has no body; let its end through so the connection can be taken over.
    req.resume();
    tunnels.request(options)
        .compose(out -> out.exceptionHandler(BackendProxy::reportedElsewhere).connect())
        .onSuccess(response -> {
          if (response.statusCode() != 101) {
            openTunnels--;
            relay(ctx, response);
            return;
          }
          NetSocket backend = response.netSocket();
          HttpServerResponse upgrade = ctx.response().setStatusCode(101);
          copyHeaders(response.headers(), upgrade.headers());
          upgrade.headers().set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE).set(HttpHeaders.UPGRADE, response.getHeader(HttpHeaders.UPGRADE));
          req.toNetSocket()
              .onSuccess(caller -> {
                // pipeTo ends (closes) the other side when one side closes or fails.
                caller.closeHandler(v -> {
                  openTunnels--;
                  AccessLog.tunnelClosed(ctx);
                });
                caller.pipeTo(backend);
                backend.pipeTo(caller);
              })
              .onFailure(e -> {
                openTunnels--;
                backend.close();
              });
        })
        .onFailure(e -> {
          openTunnels--;
          fail(ctx, route, e);
        });
  }

  private RequestOptions options(RoutingContext ctx, ServiceRoute route, String uri, HttpMethod method) {
    HttpServerRequest req = ctx.request();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    copyHeaders(req.headers(), headers);
    headers.set(RequestIds.HEADER, RequestIds.of(ctx));
    String client = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
    if (client != null) {
      String earlier = req.getHeader("X-Forwarded-For");
      headers.set("X-Forwarded-For", earlier == null ? client : earlier + ", " + client);
    }
    headers.set("X-Forwarded-Proto", req.scheme() == null ? "http" : req.scheme());
    if (req.authority() != null) headers.set("X-Forwarded-Host", req.authority().toString());
    return new RequestOptions()
        .setMethod(method)
        .setHost(route.host())
        .setPort(route.port())
        .setURI(uri)
        .setHeaders(headers)
        .setFollowRedirects(false)
        .setConnectTimeout(timeoutMs)
        .setIdleTimeout(timeoutMs);
  }

  private void relay(RoutingContext ctx, HttpClientResponse response) {
    HttpServerResponse out = ctx.response();
    out.setStatusCode(response.statusCode());
    copyHeaders(response.headers(), out.headers());
    // The gateway's own request id and CORS answer are authoritative.
    out.headers().remove(RequestIds.HEADER);
    out.headers().set(RequestIds.HEADER, RequestIds.of(ctx));
    boolean held = JsonAnswers.holds(ctx.request(), response.statusCode(), response.headers());
    if (!held && !response.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(ctx, response.statusCode())) {
      out.setChunked(true);
    }
    HttpServerRequest req = ctx.request();
    // A backend that answers before a body ended (a refused or timed-out upload) is done with it:
    // the caller's HTTP/1 connection closes after the answer, so a stalled client holds nothing.
    // (A request without a body stays paused, never ended; an HTTP/2 stream is not a connection.)
    boolean bodyAbandoned = hasBody(req.headers()) && !req.isEnded() && req.version() != HttpVersion.HTTP_2;
    if (bodyAbandoned) out.headers().set(HttpHeaders.CONNECTION, "close");
    Future<Void> relayed = held ? response.body().compose(body -> JsonAnswers.send(ctx, body))
        : response.pipe().endOnFailure(false).to(out);
    relayed
        .onSuccess(v -> {
          if (bodyAbandoned && !req.isEnded()) req.connection().close();
        })
        .onFailure(e -> {
          LOG.warn("{} {}: backend answer broke off: {}", req.method(), req.path(), e.toString());
          out.reset();
        });
  }

  /**
   * A backend request's own errors (connection closed, reset) also fail its response future or the
   * pipe through it, which answer the caller; unhandled, Vert.x would log each one again as an error.
   */
  private static void reportedElsewhere(Throwable e) {
    LOG.debug("backend request: {}", e.toString());
  }

  private static void fail(RoutingContext ctx, ServiceRoute route, Throwable e) {
    LOG.warn("{} {} -> {} ({}:{}) failed: {}", ctx.request().method(), ctx.request().path(), route.service(),
        route.host(), route.port(), e.toString());
    ctx.fail(e instanceof TimeoutException
        ? new ApiException(504, "gateway_timeout", route.service() + " did not answer in time")
        : new ApiException(502, "bad_gateway", route.service() + " is unavailable"));
  }

  /** Copies end-to-end headers: drops hop-by-hop ones, those the Connection header names, and CORS. */
  private static void copyHeaders(MultiMap from, MultiMap to) {
    Set<String> connectionScoped = new HashSet<>();
    for (String value : from.getAll(HttpHeaders.CONNECTION)) {
      for (String token : value.split(",")) connectionScoped.add(token.trim().toLowerCase(Locale.ROOT));
    }
    for (var header : from) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (HOP_BY_HOP.contains(name) || connectionScoped.contains(name) || name.startsWith("access-control-")) continue;
      to.add(header.getKey(), header.getValue());
    }
  }

  private static boolean hasBody(MultiMap headers) {
    return isChunked(headers) || headers.contains(HttpHeaders.CONTENT_LENGTH);
  }

  private static boolean isChunked(MultiMap headers) {
    return headers.getAll(HttpHeaders.TRANSFER_ENCODING).stream()
        .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
  }

  private static boolean mayHaveBody(RoutingContext ctx, int status) {
    return ctx.request().method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
  }
}
