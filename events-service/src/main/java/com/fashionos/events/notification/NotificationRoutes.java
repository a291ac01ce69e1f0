package com.fashionos.events.notification;

import com.fashionos.events.activity.ActivityCursor;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The caller's notifications inbox: {@code GET /api/v1/me/notifications}, and marking one or all
 * read. Each notification marked read is published again (read now), so the person's other
 * devices clear it too.
 */
public final class NotificationRoutes {
  private final Database database;
  private final NotificationRepository notifications = new NotificationRepository();

  public NotificationRoutes(Database database) {
    this.database = database;
  }

  public void mount(Router router) {
    router.get("/api/v1/me/notifications").handler(this::list);
    router.post("/api/v1/me/notifications/read").handler(this::markAllRead);
    router.post("/api/v1/me/notifications/:id/read").handler(this::markRead);
  }

  private void list(RoutingContext ctx) {
    QueryParams.accept(ctx, "unread", "limit", "before");
    boolean unreadOnly = QueryParams.bool(ctx, "unread");
    ActivityCursor before = ActivityCursor.parse(QueryParams.string(ctx, "before", 200));
    int limit = QueryParams.limit(ctx);
    UUID me = Authentication.principal(ctx).userId();
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn ->
        notifications.page(conn, me, unreadOnly, before, limit).compose(page -> notifications.unreadCount(conn, me)
            .map(unread -> ApiResponse.ok(new JsonObject().put("notifications", page).put("unread_count", unread)
                .put("next_before", ActivityCursor.nextBefore(page, limit)))))));
  }

  /** Idempotent: a notification read already is answered as it is. Another person's is not found. */
  private void markRead(RoutingContext ctx) {
    UUID id = QueryParams.pathUuid(ctx, "id");
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> notifications.items(tx.sql(), List.of(id))
        .compose(found -> {
          if (found.isEmpty()) throw ApiException.notFound("Notification");
          return markRead(tx, List.of(id)).map(marked -> marked.isEmpty() ? found.get(0) : marked.get(0));
        })
        .map(item -> ApiResponse.ok(new JsonObject().put("notification", item)))));
  }

  private void markAllRead(RoutingContext ctx) {
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> markRead(tx, null)
        .compose(marked -> notifications.unreadCount(tx.sql(), tx.principal().userId())
            .map(unread -> ApiResponse.ok(new JsonObject().put("unread_count", unread).put("marked", marked.size()))))));
  }

  /**
   * Marks read the caller's unread notifications (all, or those of {@code ids}) and publishes each
   * one marked; answers them as they are now.
   */
  private Future<List<JsonObject>> markRead(Transaction tx, List<UUID> ids) {
    return notifications.unread(tx.sql(), tx.principal().userId(), ids).compose(unread -> {
      Map<UUID, JsonObject> before = unread.stream()
          .collect(Collectors.toMap(item -> UUID.fromString(item.getString("id")), Function.identity()));
      return notifications.markRead(tx.sql(), List.copyOf(before.keySet()))
          .compose(marked -> marked.isEmpty() ? Future.succeededFuture(List.<JsonObject>of())
              : notifications.items(tx.sql(), marked))
          .compose(after -> {
            Future<Void> published = Future.succeededFuture();
            for (JsonObject item : after) {
              UUID eventId = UUID.fromString(item.getString("event_id"));
              published = published.compose(v -> tx.publishResourceChange(eventId, Notifications.NOTIFICATION, item,
                  before.get(UUID.fromString(item.getString("id"))), false));
            }
            return published.map(after);
          });
    });
  }
}
