package com.fashionos.platform.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Answers the requests the HTTP decoder refuses before any router sees them (headers over 8 KB,
 * a request line over 4 KB, a malformed head) with the JSON error every other answer has, where
 * Vert.x would send a bare status. Set with {@code HttpServer.invalidRequestHandler}; the server
 * closes the connection after the answer.
 */
public final class InvalidRequests {
  private InvalidRequests() {}

  public static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiException error = cause instanceof TooLongHttpHeaderException
        ? new ApiException(431, "headers_too_large", "Request headers are larger than the server reads (8 KB)",
            List.of(new ApiException.FieldIssue("headers", "must be at most 8 KB together")))
        : cause instanceof TooLongHttpLineException
            ? new ApiException(414, "uri_too_long", "Request line is larger than the server reads (4 KB)",
                List.of(new ApiException.FieldIssue("path", "must be at most 4 KB with the query")))
            : new ApiException(400, "bad_request", "Malformed HTTP request",
                List.of(new ApiException.FieldIssue("request", "is not valid HTTP/1.1")));
    request.response().setStatusCode(error.status())
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(error.toJson().encode());
  }
}
