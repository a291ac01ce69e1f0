package com.fashionos.platform.http;

import com.fashionos.platform.db.SqlErrors;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that writes JSON errors. Anything not an {@link ApiException} is a 5xx bug. */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    ApiException error = toApiException(ctx);
    if (error.status() >= 500) {
      LOG.error("{} {} failed (request {})", ctx.request().method(), ctx.request().path(),
          RequestIds.of(ctx), ctx.failure());
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Responses.json(ctx, error.status(), error.toJson());
  }

  static ApiException toApiException(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) return api;
    if (failure instanceof DecodeException || failure instanceof IllegalArgumentException
        && failure.getCause() instanceof DecodeException) {
      return new ApiException(400, "invalid_json", "Request body is not valid JSON");
    }
    if (failure instanceof PgException pg) return SqlErrors.toApiException(pg);
    return switch (ctx.statusCode()) {
      case 400 -> new ApiException(400, "bad_request", "Bad request");
      case 401 -> ApiException.unauthorized("Missing or invalid access token");
      case 403 -> ApiException.forbidden("Forbidden");
      case 404 -> new ApiException(404, "not_found", "No route for " + ctx.request().path());
      case 405 -> new ApiException(405, "method_not_allowed", "Method not allowed");
      case 413 -> new ApiException(413, "payload_too_large", "Request body is larger than 1 MiB",
          List.of(new ApiException.FieldIssue("body", "must be at most 1 MiB")));
      case 415 -> new ApiException(415, "unsupported_media_type", "Send application/json");
      default -> new ApiException(500, "internal_error",
          "Internal error; quote request id " + RequestIds.of(ctx) + " when reporting it");
    };
  }
}
