package com.fashionos.platform.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON bodies. */
public final class Responses {
  private Responses() {}

  public static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  public static Future<Void> send(RoutingContext ctx, ApiResponse response) {
    return json(ctx, response.status(), response.body());
  }

  /** Sends the answer when it is ready; a failure goes to the failure handler. */
  public static void reply(RoutingContext ctx, Future<ApiResponse> answer) {
    answer.onSuccess(response -> send(ctx, response)).onFailure(ctx::fail);
  }
}
