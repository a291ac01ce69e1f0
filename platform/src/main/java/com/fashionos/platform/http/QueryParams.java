package com.fashionos.platform.http;

import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Validated reads of path and query parameters; each bad value is a 400 naming the parameter. */
public final class QueryParams {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  private QueryParams() {}

  public static UUID pathUuid(RoutingContext ctx, String name) {
    UUID id = Uuids.parse(ctx.pathParam(name));
    if (id == null) throw ApiException.invalidField(name, "must be a UUID");
    return id;
  }

  public static String string(RoutingContext ctx, String name, int maxLength) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isEmpty()) return null;
    if (value.length() > maxLength) {
      throw ApiException.invalidField(name, "must be at most " + maxLength + " characters");
    }
    return value;
  }

  public static int integer(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isEmpty()) return defaultValue;
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) return parsed;
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.invalidField(name, "must be an integer between " + min + " and " + max);
  }

  public static int page(RoutingContext ctx) {
    return integer(ctx, "page", 1, 1, 1_000_000);
  }

  public static int limit(RoutingContext ctx) {
    return integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  }

  public static boolean bool(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isEmpty() || value.equals("false")) return false;
    if (value.equals("true")) return true;
    throw ApiException.invalidField(name, "must be true or false");
  }

  public static <E extends Enum<E>> E enumValue(RoutingContext ctx, String name, Class<E> type) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isEmpty()) return null;
    E parsed = RequestBody.parseEnum(type, value);
    if (parsed == null) throw ApiException.invalidField(name, "must be one of " + RequestBody.wireNames(type));
    return parsed;
  }

  public static UUID uuid(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isEmpty()) return null;
    UUID id = Uuids.parse(value);
    if (id == null) throw ApiException.invalidField(name, "must be a UUID");
    return id;
  }

  public static OffsetDateTime timestamp(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isEmpty()) return null;
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidField(name, "must be an ISO-8601 date-time with offset");
    }
  }
}
