package com.fashionos.realtime;

import com.fashionos.platform.auth.Principal;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.realtime.FrameVisibility.Permission;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * The fallbacks for clients without WebSockets, on the same frames, cursors and access check:
 * Server-Sent Events at {@value #STREAM_PATH} and polling at {@value #CHANGES_PATH}.
 */
final class HttpEndpoints {
  static final String STREAM_PATH = RealtimeGatewayVerticle.PATH + "/events/:id/stream";
  static final String CHANGES_PATH = "/api/v1/events/:id/changes";
  static final int MAX_CHANGES = 100;

  private final Vertx vertx;
  private final TokenVerifier verifier;
  private final EventAccess access;
  private final ChangeFeed feed;
  private final Subscriptions registry;
  private final int maxQueuedFrames;

  HttpEndpoints(Vertx vertx, TokenVerifier verifier, EventAccess access, ChangeFeed feed, Subscriptions registry,
      int maxQueuedFrames) {
    this.vertx = vertx;
    this.verifier = verifier;
    this.access = access;
    this.feed = feed;
    this.registry = registry;
    this.maxQueuedFrames = maxQueuedFrames;
  }

  /**
   * {@code GET /realtime/v1/events/{id}/stream?cursor=}: the token in {@code Authorization: Bearer}
   * or, as browsers' EventSource cannot send headers, {@code access_token}; {@code Last-Event-ID}
   * (sent by EventSource when it reconnects) wins over {@code cursor}.
   */
  void stream(RoutingContext ctx) {
    QueryParams.accept(ctx, "cursor", "access_token");
    UUID eventId = eventId(ctx);
    if (eventId == null) return;
    String token = bearer(ctx.request());
    if (token == null) token = ctx.request().getParam("access_token");
    String lastEventId = ctx.request().getHeader("Last-Event-ID");
    String cursor = lastEventId != null && !lastEventId.isBlank() ? lastEventId.trim() : ctx.request().getParam("cursor");
    String accessToken = token;
    verify(accessToken).onComplete(verified -> {
      if (verified.failed()) {
        ctx.fail(verified.cause());
        return;
      }
      new EventStream(vertx, ctx, verified.result(), accessToken, access, feed, registry, maxQueuedFrames)
          .open(eventId, cursor);
    });
  }

  /**
   * {@code GET /api/v1/events/{id}/changes?since=&limit=}: the frames after {@code since} (at most
   * {@code limit}, default and maximum {@value #MAX_CHANGES}) and the cursor to poll from next.
   */
  void changes(RoutingContext ctx) {
    QueryParams.accept(ctx, "since", "limit");
    UUID eventId = eventId(ctx);
    if (eventId == null) return;
    int limit;
    try {
      String text = ctx.request().getParam("limit");
      limit = text == null ? MAX_CHANGES : Math.min(Integer.parseInt(text), MAX_CHANGES);
      if (limit < 1) throw new NumberFormatException();
    } catch (NumberFormatException e) {
      ctx.fail(ApiException.invalidField("limit", "must be a whole number from 1 to " + MAX_CHANGES));
      return;
    }
    int max = limit;
    String token = bearer(ctx.request());
    verify(token).compose(principal -> access.check(eventId, principal.userId(), token)).onComplete(checked -> {
      if (checked.failed()) {
        ctx.fail(checked.cause());
        return;
      }
      if (!checked.result().allowed()) {
        ctx.fail(refusal(checked.result().verdict()));
        return;
      }
      Permission permission = checked.result().permission();
      feed.replay(eventId, ctx.request().getParam("since"))
          .onSuccess(replay -> ctx.json(page(eventId, replay, max, permission)));
    });
  }

  /**
   * At most {@code max} of the replayed frames the user may read, and the cursor to poll from
   * next: past the frames left out too, so they never come back as a gap.
   */
  private JsonObject page(UUID eventId, ChangeFeed.Replay replay, int max, Permission permission) {
    JsonObject answer = new JsonObject();
    if (replay.resyncReason() != null) {
      return answer.put("changes", new JsonArray()).put("cursor", feed.cursor(eventId).encode())
          .put("resync_required", true).put("reason", replay.resyncReason());
    }
    JsonArray page = new JsonArray();
    String cursor = new Cursor(replay.upTo()).encode();
    // A frame's cursor is the position right after it: the next poll resumes there.
    String passed = null;
    for (ChangeFeed.Frame frame : replay.frames()) {
      if (frame.readableBy(permission)) {
        if (page.size() == max) {
          cursor = passed; // the page is full: the next one starts at this frame
          break;
        }
        page.add(frame.json());
      }
      passed = frame.json().getString("cursor");
    }
    return answer.put("changes", page).put("cursor", cursor).put("resync_required", false);
  }

  private Future<Principal> verify(String token) {
    return token == null
        ? Future.failedFuture(ApiException.unauthorized("Missing access token"))
        : verifier.verify(token);
  }

  /** The event id of the path; an id that is no UUID is no event (404). */
  private static UUID eventId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      ctx.fail(ApiException.notFound("Event"));
      return null;
    }
  }

  static String bearer(HttpServerRequest request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim() : null;
  }

  /** A refused access check as HTTP: someone else's event looks like a missing one. */
  static ApiException refusal(EventAccess.Verdict verdict) {
    return verdict == EventAccess.Verdict.NOT_FOUND
        ? ApiException.notFound("Event")
        : new ApiException(503, "unavailable", "Cannot check access now; try again");
  }
}
