package com.fashionos.gateway;

import com.fashionos.platform.http.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * The gateway's CORS answer, for every path. An {@code Origin} is allowed when it is in
 * {@code CORS_ALLOWED_ORIGINS} (exactly, or by a {@code scheme://host:*} entry's any port), or is
 * the gateway's own origin as the browser reached it (same-origin POSTs and WebSocket upgrades
 * carry an {@code Origin} too). An allowed origin is echoed in {@code Access-Control-Allow-Origin};
 * a preflight is answered here with the methods and headers the API takes. A request from any
 * other origin is refused (403): browsers do not apply CORS to WebSocket upgrades, so refusing is
 * what keeps a foreign page from opening a user's socket. With {@code *} configured, every origin
 * gets {@code *}. Otherwise every answer depends on the Origin, so every answer says
 * {@code Vary: Origin}.
 */
final class Cors implements Handler<RoutingContext> {
  static final String ANY = "*";
  static final String METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
  /** What the API and the standalone identity read (supabase-js sends the last three). */
  static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Idempotency-Key, X-Client-Timestamp, "
      + "X-Request-Id, If-None-Match, Last-Event-ID, apikey, X-Client-Info, X-Supabase-Api-Version";
  static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, X-Request-Id, Content-Disposition";
  /** How long a browser may reuse a preflight's answer. */
  private static final String MAX_AGE_SECONDS = "600";
  private static final String ANY_PORT = ":*";

  private final List<String> origins;
  private final boolean any;

  /** {@code origins}: exact origins and {@code scheme://host:*} entries; {@code ["*"]} = any origin. */
  Cors(List<String> origins) {
    this.any = origins.contains(ANY);
    this.origins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    if (!any) response.headers().add(HttpHeaders.VARY, "Origin");
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      ctx.next();
      return;
    }
    if (!any && !allows(origin) && !sameOrigin(request, origin)) {
      ctx.fail(ApiException.forbidden("Origin " + origin + " is not allowed (CORS_ALLOWED_ORIGINS)"));
      return;
    }
    response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, any ? ANY : origin);
    if (request.method() == HttpMethod.OPTIONS && request.headers().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
      response.setStatusCode(204)
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
          .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
          .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS)
          .end();
      return;
    }
    response.putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
    ctx.next();
  }

  /** Listed exactly, or by an any-port entry ({@code http://localhost:*} takes http://localhost:5173). */
  boolean allows(String origin) {
    String candidate = origin.toLowerCase(Locale.ROOT);
    for (String allowed : origins) {
      if (allowed.equals(candidate)) return true;
      if (allowed.endsWith(ANY_PORT)) {
        String host = allowed.substring(0, allowed.length() - ANY_PORT.length());
        if (candidate.equals(host)) return true;
        if (candidate.startsWith(host + ":") && candidate.substring(host.length() + 1).matches("[0-9]{1,5}")) return true;
      }
    }
    return false;
  }

  /**
   * The page came from the gateway itself: the Origin is the scheme (as the ingress saw it, when
   * it says) and Host of this very request. A foreign page's Origin never is.
   */
  private static boolean sameOrigin(HttpServerRequest request, String origin) {
    String host = request.getHeader(HttpHeaders.HOST);
    if (host == null) return false;
    String forwarded = request.getHeader("X-Forwarded-Proto");
    String scheme = forwarded != null ? forwarded.split(",", 2)[0].trim() : request.scheme();
    if (scheme == null) return false;
    return withoutDefaultPort(origin).equals(withoutDefaultPort(scheme + "://" + host));
  }

  private static String withoutDefaultPort(String origin) {
    String value = origin.toLowerCase(Locale.ROOT);
    if (value.startsWith("http://") && value.endsWith(":80")) return value.substring(0, value.length() - 3);
    if (value.startsWith("https://") && value.endsWith(":443")) return value.substring(0, value.length() - 4);
    return value;
  }
}
