package com.fashionos.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The one exception type every handler throws for an answer that is not a success. It carries
 * the HTTP status and the machine-readable code; {@link FailureHandler} turns it into
 * {@code {"error":{"code","message","details":[{"field","issue"}]}}}.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final List<FieldIssue> details;

  public ApiException(int status, String code, String message, List<FieldIssue> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ApiException(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<FieldIssue> details() {
    return details;
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    details.forEach(d -> array.add(new JsonObject().put("field", d.field()).put("issue", d.issue())));
    JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
    if (!details.isEmpty()) error.put("details", array);
    return new JsonObject().put("error", error);
  }

  /** One problem with one field of a request. */
  public record FieldIssue(String field, String issue) {}

  public static ApiException badRequest(String message, List<FieldIssue> details) {
    return new ApiException(400, "validation_failed", message, details);
  }

  public static ApiException invalidField(String field, String issue) {
    return badRequest("Invalid " + field + ": " + issue, List.of(new FieldIssue(field, issue)));
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found");
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }

  /** A change to an archived event: it is read-only everywhere until restored. */
  public static ApiException eventArchived() {
    return conflict("event_archived", "The event is archived; restore it before changing it");
  }

  public static ApiException unprocessable(String code, String message, List<FieldIssue> details) {
    return new ApiException(422, code, message, details);
  }
}
