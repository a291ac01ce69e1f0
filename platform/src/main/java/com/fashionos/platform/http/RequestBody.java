package com.fashionos.platform.http;

import com.fashionos.platform.http.ApiException.FieldIssue;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed, validating reads of a JSON request body. Every problem is collected with the field's
 * path, so a client learns about all of them at once; {@link #validate()} throws one 400.
 */
public final class RequestBody {
  public static final int MAX_EMAIL = 254;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private final JsonObject json;
  private final String prefix;
  private final List<FieldIssue> issues;

  private RequestBody(JsonObject json, String prefix, List<FieldIssue> issues) {
    this.json = json;
    this.prefix = prefix;
    this.issues = issues;
  }

  /** The body as a JSON object; malformed JSON or a non-object answers 400. */
  public static RequestBody of(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw new ApiException(400, "invalid_json", "Request body must be a JSON object");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new ApiException(400, "invalid_json", "Request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw new ApiException(400, "invalid_json", "Request body must be a JSON object");
    }
    return of(object);
  }

  public static RequestBody of(JsonObject json) {
    return new RequestBody(json, "", new ArrayList<>());
  }

  public JsonObject json() {
    return json;
  }

  /** True when the field is present, even if null (partial updates distinguish the two). */
  public boolean has(String field) {
    return json.containsKey(field);
  }

  public void fail(String field, String issue) {
    issues.add(new FieldIssue(prefix + field, issue));
  }

  public boolean hasIssues() {
    return !issues.isEmpty();
  }

  /** Throws one 400 naming every field that was wrong. */
  public void validate() {
    if (issues.isEmpty()) return;
    String fields = issues.stream().map(FieldIssue::field).distinct().collect(Collectors.joining(", "));
    throw ApiException.badRequest("Invalid request: " + fields, issues);
  }

  /**
   * Like {@link #validate()}, as a 422: for services whose request fields are business values
   * (money) and whose clients expect an unprocessable answer for a bad one.
   */
  public void validateUnprocessable() {
    if (issues.isEmpty()) return;
    String fields = issues.stream().map(FieldIssue::field).distinct().collect(Collectors.joining(", "));
    throw ApiException.unprocessable("validation_failed", "Invalid request: " + fields, issues);
  }

  public String string(String field, boolean required, int maxLength) {
    Object value = present(field, required);
    if (value == null) return null;
    if (!(value instanceof String s)) return wrongType(field, "must be a string");
    if (required && s.isBlank()) return wrongType(field, "must not be blank");
    if (s.length() > maxLength) return wrongType(field, "must be at most " + maxLength + " characters");
    return s;
  }

  /** An e-mail address, trimmed and lower-cased (addresses compare case-insensitively). */
  public String email(String field, boolean required) {
    String email = string(field, required, MAX_EMAIL);
    if (email == null) return null;
    email = email.trim().toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(email).matches()) return wrongType(field, "must be an e-mail address");
    return email;
  }

  public UUID uuid(String field, boolean required) {
    Object value = present(field, required);
    if (value == null) return null;
    if (!(value instanceof String s)) return wrongType(field, "must be a UUID string");
    return parseUuid(field, s);
  }

  public Integer integer(String field, boolean required, int min, int max) {
    Object value = present(field, required);
    if (value == null) return null;
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      return wrongType(field, "must be an integer");
    }
    long v = n.longValue();
    if (v < min || v > max) return wrongType(field, "must be between " + min + " and " + max);
    return (int) v;
  }

  /**
   * The largest amount of money any service takes: what numeric(14,2) holds, and few enough
   * digits for a JSON number to carry it exactly.
   */
  public static final BigDecimal MAX_MONEY = new BigDecimal("999999999999.99");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** A currency as a three-letter ISO 4217 code in capitals. */
  public String currency(String field, boolean required) {
    String currency = string(field, required, 3);
    if (currency != null && !CURRENCY.matcher(currency).matches()) {
      return wrongType(field, "must be a three-letter ISO 4217 code in capitals, such as USD");
    }
    return currency;
  }

  public BigDecimal decimal(String field, boolean required, BigDecimal min, BigDecimal max) {
    return decimal(field, required, min, max, 2);
  }

  /** An exact decimal from a JSON number or string, with at most {@code maxScale} decimal places. */
  public BigDecimal decimal(String field, boolean required, BigDecimal min, BigDecimal max, int maxScale) {
    Object value = present(field, required);
    if (value == null) return null;
    BigDecimal d;
    try {
      d = value instanceof Number n ? new BigDecimal(n.toString())
          : value instanceof String s ? new BigDecimal(s) : null;
    } catch (NumberFormatException e) {
      d = null;
    }
    if (d == null) return wrongType(field, "must be a number");
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      return wrongType(field, "must be between " + min.toPlainString() + " and " + max.toPlainString());
    }
    if (d.stripTrailingZeros().scale() > maxScale) {
      return wrongType(field, "must have at most " + maxScale + " decimal places");
    }
    return d;
  }

  public Boolean bool(String field, boolean required) {
    Object value = present(field, required);
    if (value == null) return null;
    if (!(value instanceof Boolean b)) return wrongType(field, "must be true or false");
    return b;
  }

  public OffsetDateTime timestamp(String field, boolean required) {
    Object value = present(field, required);
    if (value == null) return null;
    if (!(value instanceof String s)) return wrongType(field, "must be an ISO-8601 date-time string");
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      return wrongType(field, "must be an ISO-8601 date-time with offset, e.g. 2026-06-15T14:00:00Z");
    }
  }

  /** Enum constants travel as their lower-case names ({@code runway_show}). */
  public <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
    Object value = present(field, required);
    if (value == null) return null;
    E parsed = value instanceof String s ? parseEnum(type, s) : null;
    if (parsed == null) return wrongType(field, "must be one of " + wireNames(type));
    return parsed;
  }

  public List<String> stringList(String field, int maxItems, int maxLength) {
    JsonArray array = array(field, maxItems);
    if (array == null) return null;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof String s) || s.isBlank() || s.length() > maxLength) {
        fail(field + "[" + i + "]", "must be a non-blank string of at most " + maxLength + " characters");
      } else {
        out.add(s);
      }
    }
    return out;
  }

  public List<UUID> uuidList(String field, int maxItems) {
    JsonArray array = array(field, maxItems);
    if (array == null) return null;
    List<UUID> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      UUID id = item instanceof String s ? parseUuid(field + "[" + i + "]", s) : null;
      if (!(item instanceof String)) fail(field + "[" + i + "]", "must be a UUID string");
      if (id != null && out.contains(id)) fail(field + "[" + i + "]", "is listed twice");
      else if (id != null) out.add(id);
    }
    return out;
  }

  /** A list of nested objects, each read with the same issue list and an indexed field path. */
  public <T> List<T> objectList(String field, int maxItems, Function<RequestBody, T> reader) {
    JsonArray array = array(field, maxItems);
    if (array == null) return null;
    List<T> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String path = field + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject item)) {
        fail(path, "must be an object");
        continue;
      }
      out.add(reader.apply(new RequestBody(item, prefix + path + ".", issues)));
    }
    return out;
  }

  public JsonObject object(String field, boolean required) {
    Object value = present(field, required);
    if (value == null) return null;
    if (!(value instanceof JsonObject o)) return wrongType(field, "must be an object");
    return o;
  }

  private JsonArray array(String field, int maxItems) {
    Object value = present(field, false);
    if (value == null) return null;
    if (!(value instanceof JsonArray array)) return wrongType(field, "must be an array");
    if (array.size() > maxItems) return wrongType(field, "must have at most " + maxItems + " items");
    return array;
  }

  private Object present(String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null && required) fail(field, "is required");
    return value;
  }

  private <T> T wrongType(String field, String issue) {
    fail(field, issue);
    return null;
  }

  private UUID parseUuid(String field, String s) {
    UUID id = Uuids.parse(s);
    if (id == null) fail(field, "must be a UUID");
    return id;
  }

  public static <E extends Enum<E>> E parseEnum(Class<E> type, String wire) {
    for (E constant : type.getEnumConstants()) {
      if (wireName(constant).equals(wire)) return constant;
    }
    return null;
  }

  public static String wireName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  public static String wireNames(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(RequestBody::wireName).collect(Collectors.joining(", "));
  }
}
