package com.fashionos.gateway;

import com.fashionos.platform.http.RequestIds;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on logger {@code fashionos.access}: method, path (never the query string,
 * which may carry tokens), status, duration, request id, user and client address. Probes and
 * metrics scrapes are left out. A proxied WebSocket is logged when it closes, as 101.
 */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("fashionos.access");
  private static final String USER = "fashionos.access.user";
  private static final String START = "fashionos.access.start";

  AccessLog() {}

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path.startsWith("/health/") || path.equals("/metrics")) {
      ctx.next();
      return;
    }
    ctx.put(START, System.nanoTime());
    // A WebSocket's upgrade never ends as a response: the tunnel logs it when it closes (tunnelClosed).
    ctx.addEndHandler(done -> {
      if (ctx.response().getStatusCode() != 101) {
        line(ctx, ctx.response().getStatusCode(), done.succeeded() ? "" : " (" + done.cause().getMessage() + ")");
      }
    });
    ctx.next();
  }

  /** A proxied WebSocket closed: its line, as 101, with how long it was open. */
  static void tunnelClosed(RoutingContext ctx) {
    line(ctx, 101, "");
  }

  private static void line(RoutingContext ctx, int status, String outcome) {
    long start = ctx.get(START);
    UUID user = ctx.get(USER);
    LOG.info("{} {} {} {}ms request={} user={} client={}{}", ctx.request().method(), ctx.request().path(), status,
        (System.nanoTime() - start) / 1_000_000, RequestIds.of(ctx), user == null ? "-" : user,
        ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().hostAddress(), outcome);
  }

  /** Names the user behind the request once it is known (token checked, or signed in). */
  public static void user(RoutingContext ctx, UUID userId) {
    ctx.put(USER, userId);
  }
}
