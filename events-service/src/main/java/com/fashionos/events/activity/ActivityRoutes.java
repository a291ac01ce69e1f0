package com.fashionos.events.activity;

import com.fashionos.events.event.EventRoutes;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** {@code GET /api/v1/events/{id}/activity?before=&limit=}: the feed, latest acted first. */
public final class ActivityRoutes {
  private final Database database;
  private final ActivityRepository activity = new ActivityRepository();

  public ActivityRoutes(Database database) {
    this.database = database;
  }

  public void mount(Router router) {
    router.get("/api/v1/events/:id/activity").handler(this::page);
  }

  private void page(RoutingContext ctx) {
    QueryParams.accept(ctx, "before", "limit");
    UUID eventId = QueryParams.pathUuid(ctx, "id");
    ActivityCursor before = ActivityCursor.parse(QueryParams.string(ctx, "before", 200));
    int limit = QueryParams.limit(ctx);
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> EventRoutes.visibleEvent(conn, eventId)
        .compose(found -> activity.page(conn, eventId, before, limit))
        .map(entries -> ApiResponse.ok(new JsonObject().put("activity", entries)
            .put("next_before", ActivityCursor.nextBefore(entries, limit))))));
  }
}
