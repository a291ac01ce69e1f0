package com.fashionos.platform.http;

import io.vertx.core.json.JsonObject;

/**
 * A finished answer: status and JSON body. Mutations build one inside their transaction so the
 * idempotency record stores exactly what the client was (or would have been) sent.
 */
public record ApiResponse(int status, JsonObject body) {
  public static ApiResponse ok(JsonObject body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse created(JsonObject body) {
    return new ApiResponse(201, body);
  }
}
