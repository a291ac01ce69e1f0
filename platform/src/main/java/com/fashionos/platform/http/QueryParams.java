package com.fashionos.platform.http;

import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Validated reads of path and query parameters; each bad value is a 400 naming the parameter. A
 * query value is checked like a body string: strict UTF-8, no NUL, no unpaired surrogate.
 */
public final class QueryParams {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
  private static final char REPLACEMENT = '\uFFFD';
  private static final String CHECKED = QueryParams.class.getName() + ".checked";

  private QueryParams() {}

  /**
   * Refuses, with a 400 naming each, the query parameters the endpoint does not take: a typo such
   * as {@code ?stauts=done} would otherwise answer the unfiltered list as if it were filtered.
   * Every endpoint calls it first ({@code accept(ctx)} when it takes none).
   */
  public static void accept(RoutingContext ctx, String... names) {
    ctx.put(CHECKED, true);
    Set<String> known = Set.of(names);
    List<ApiException.FieldIssue> unknown = ctx.queryParams().names().stream().sorted()
        .filter(name -> !known.contains(name))
        .map(name -> new ApiException.FieldIssue(name, "is not a parameter of this endpoint"
            + (names.length == 0 ? " (it takes none)" : " (it takes " + String.join(", ", names) + ")")))
        .toList();
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest("Unknown query parameter: " + unknown.get(0).field(), unknown);
    }
  }

  /** For a change: refuses every query parameter unless the endpoint has said which it takes. */
  public static void acceptNoneUnlessDeclared(RoutingContext ctx) {
    if (ctx.get(CHECKED) == null) accept(ctx);
  }

  public static UUID pathUuid(RoutingContext ctx, String name) {
    UUID id = Uuids.parse(ctx.pathParam(name));
    if (id == null) throw ApiException.invalidField(name, "must be a UUID");
    return id;
  }

  public static String string(RoutingContext ctx, String name, int maxLength) {
    String value = value(ctx, name);
    if (value == null || value.isEmpty()) return null;
    if (value.length() > maxLength) {
      throw ApiException.invalidField(name, "must be at most " + maxLength + " characters");
    }
    return value;
  }

  public static int integer(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    String value = value(ctx, name);
    if (value == null || value.isEmpty()) return defaultValue;
    // ASCII digits only (parseInt takes other scripts' digits too), and short: no wrapping, no cost.
    if (value.length() <= 11 && value.matches("-?[0-9]+")) {
      long parsed = Long.parseLong(value);
      if (parsed >= min && parsed <= max) return (int) parsed;
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
    String value = value(ctx, name);
    if (value == null || value.isEmpty() || value.equals("false")) return false;
    if (value.equals("true")) return true;
    throw ApiException.invalidField(name, "must be true or false");
  }

  public static <E extends Enum<E>> E enumValue(RoutingContext ctx, String name, Class<E> type) {
    String value = value(ctx, name);
    if (value == null || value.isEmpty()) return null;
    E parsed = RequestBody.parseEnum(type, value);
    if (parsed == null) throw ApiException.invalidField(name, "must be one of " + RequestBody.wireNames(type));
    return parsed;
  }

  public static UUID uuid(RoutingContext ctx, String name) {
    String value = value(ctx, name);
    if (value == null || value.isEmpty()) return null;
    UUID id = Uuids.parse(value);
    if (id == null) throw ApiException.invalidField(name, "must be a UUID");
    return id;
  }

  public static OffsetDateTime timestamp(RoutingContext ctx, String name) {
    String value = value(ctx, name);
    if (value == null || value.isEmpty()) return null;
    OffsetDateTime time = RequestBody.parseTimestamp(value);
    if (time == null) throw ApiException.invalidField(name, RequestBody.TIMESTAMP_FORMAT);
    if (!RequestBody.inRange(time)) throw ApiException.invalidField(name, RequestBody.TIMESTAMP_RANGE);
    return time;
  }

  /** The parameter's value once it is known to be text we can store and compare. */
  private static String value(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null) return null;
    String issue = RequestBody.textIssue(value);
    if (issue != null) throw ApiException.invalidField(name, issue);
    // Vert.x decodes bad UTF-8 into U+FFFD; only then is the raw query worth a strict look.
    if (value.indexOf(REPLACEMENT) >= 0 && !strictlyUtf8(ctx.request().query(), name)) {
      throw ApiException.invalidField(name, "is not valid UTF-8");
    }
    return value;
  }

  /** Whether every value of the parameter in the raw query is percent-encoded UTF-8. */
  private static boolean strictlyUtf8(String rawQuery, String name) {
    if (rawQuery == null) return true;
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0 || !name.equals(decode(pair.substring(0, eq)))) continue;
      if (decode(pair.substring(eq + 1)) == null) return false;
    }
    return true;
  }

  /** Percent-decodes strictly: null for bytes that are not UTF-8. */
  private static String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) return null;
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] plain = String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
        bytes.write(plain, 0, plain.length);
      }
    }
    return RequestBody.strictUtf8(bytes.toByteArray());
  }
}
