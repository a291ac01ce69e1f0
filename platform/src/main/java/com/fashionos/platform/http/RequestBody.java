package com.fashionos.platform.http;

import com.fashionos.platform.http.ApiException.FieldIssue;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed, validating reads of a JSON request body. Every problem is collected with the field's
 * path, so a client learns about all of them at once; {@link #validate()} throws one 400.
 *
 * <p>Input is bounded before it is parsed: the body must be strict UTF-8, JSON parsing stops at
 * Jackson's limits (numbers of 1000 digits, nesting 1000 deep), no string may hold a NUL or an
 * unpaired surrogate (PostgreSQL cannot store the one, UTF-8 cannot encode the other), and a number
 * is read only when its text is at most {@value #MAX_NUMBER_LENGTH} ASCII characters, so no
 * conversion costs more than linear time. A field no reader asked about is refused by
 * {@link #validate()}: every endpoint answers unknown fields the same way.
 */
public final class RequestBody {
  public static final int MAX_EMAIL = 254;
  /** The longest number text read: more than any amount, count or rate we take, and cheap to convert. */
  public static final int MAX_NUMBER_LENGTH = 40;
  /** Date-times outside these bounds are refused, so no service stores (or chokes on) year 300000. */
  public static final OffsetDateTime EARLIEST = OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  public static final OffsetDateTime LATEST = OffsetDateTime.of(2200, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.UTC);
  static final String UNKNOWN_FIELD = "is not a field of this request";
  private static final int MAX_TIMESTAMP_LENGTH = 64;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  /** A decimal as text: ASCII digits only (BigDecimal would also take Arabic-Indic ones), no exponent. */
  private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
  private final JsonObject json;
  private final String prefix;
  private final List<FieldIssue> issues;
  /** Every body of one request, the root first: each answers for its own unknown fields. */
  private final List<RequestBody> bodies;
  /** The fields some reader asked about; the rest are unknown. */
  private final Set<String> known = new HashSet<>();

  private RequestBody(JsonObject json, String prefix, List<FieldIssue> issues, List<RequestBody> bodies) {
    this.json = json;
    this.prefix = prefix;
    this.issues = issues;
    this.bodies = bodies;
    bodies.add(this);
  }

  /** The body as a JSON object; malformed JSON or UTF-8, or a non-object answers 400. */
  public static RequestBody of(RoutingContext ctx) {
    Buffer bytes = ctx.body() == null ? null : ctx.body().buffer();
    if (bytes == null || bytes.length() == 0) throw invalidJson("must be a JSON object");
    // A decoder that replaced bad bytes would store what nobody sent.
    String text = strictUtf8(bytes.getBytes());
    if (text == null) {
      throw new ApiException(400, "invalid_utf8", "Request body is not valid UTF-8",
          List.of(new FieldIssue("body", "is not valid UTF-8")));
    }
    if (text.isBlank()) throw invalidJson("must be a JSON object");
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      throw invalidJson(e.getMessage() != null && e.getMessage().contains("exceeds the maximum")
          ? "is not valid JSON: a number, string or nesting is longer than we read" : "is not valid JSON");
    }
    if (!(parsed instanceof JsonObject object)) throw invalidJson("must be a JSON object");
    return of(object);
  }

  /** A body already parsed; its strings are checked like those of a request. */
  public static RequestBody of(JsonObject json) {
    RequestBody body = new RequestBody(json, "", new ArrayList<>(), new ArrayList<>());
    body.checkStrings("", json);
    return body;
  }

  private static ApiException invalidJson(String issue) {
    return new ApiException(400, "invalid_json", "Request body " + issue, List.of(new FieldIssue("body", issue)));
  }

  /** The bytes as UTF-8, or null when they are not UTF-8. */
  static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Reports every string (keys included) holding a NUL or an unpaired surrogate, by its path. */
  private void checkStrings(String path, Object value) {
    if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> entry : object) {
        String name = printable(entry.getKey());
        String at = path.isEmpty() ? name : path + "." + name;
        String keyIssue = textIssue(entry.getKey());
        if (keyIssue != null) issues.add(new FieldIssue(at, "has a name that " + keyIssue));
        checkStrings(at, entry.getValue());
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) checkStrings(path + "[" + i + "]", array.getValue(i));
    } else if (value instanceof String s) {
      String issue = textIssue(s);
      if (issue != null) issues.add(new FieldIssue(path, issue));
    }
  }

  /** Why a text cannot be stored, or null: a NUL character or an unpaired UTF-16 surrogate. */
  static String textIssue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0') return "must not contain NUL characters";
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain unpaired surrogate characters";
      }
    }
    return null;
  }

  /** A field name fit to echo in an answer. */
  private static String printable(String name) {
    return textIssue(name) == null ? name : name.replace('\0', '\uFFFD').codePoints()
        .map(c -> Character.isSurrogate((char) c) && c <= 0xFFFF ? 0xFFFD : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  public JsonObject json() {
    return json;
  }

  /** True when the field is present, even if null (partial updates distinguish the two). */
  public boolean has(String field) {
    known.add(field);
    return json.containsKey(field);
  }

  /**
   * Fields this endpoint knows and deliberately leaves unread, such as read-only fields a client
   * echoes back: they are not refused as unknown.
   */
  public RequestBody ignoring(String... fields) {
    known.addAll(List.of(fields));
    return this;
  }

  public void fail(String field, String issue) {
    known.add(field);
    issues.add(new FieldIssue(prefix + field, issue));
  }

  /** True when a field was wrong or is unknown so far. */
  public boolean hasIssues() {
    return !issues.isEmpty() || !unknownFields().isEmpty();
  }

  /** Throws one 400 naming every field that was wrong or unknown. */
  public void validate() {
    List<FieldIssue> all = allIssues();
    if (all.isEmpty()) return;
    throw ApiException.badRequest("Invalid request: " + fieldNames(all), all);
  }

  /**
   * Like {@link #validate()}, as a 422: for services whose request fields are business values
   * (money) and whose clients expect an unprocessable answer for a bad one.
   */
  public void validateUnprocessable() {
    List<FieldIssue> all = allIssues();
    if (all.isEmpty()) return;
    throw ApiException.unprocessable("validation_failed", "Invalid request: " + fieldNames(all), all);
  }

  private List<FieldIssue> allIssues() {
    List<FieldIssue> all = new ArrayList<>(issues);
    all.addAll(unknownFields());
    return all;
  }

  /** The fields of this body and its nested ones that no reader asked about. */
  private List<FieldIssue> unknownFields() {
    List<FieldIssue> unknown = new ArrayList<>();
    for (RequestBody body : bodies) {
      for (String field : body.json.fieldNames()) {
        if (!body.known.contains(field)) unknown.add(new FieldIssue(body.prefix + printable(field), UNKNOWN_FIELD));
      }
    }
    return unknown;
  }

  private static String fieldNames(List<FieldIssue> issues) {
    return issues.stream().map(FieldIssue::field).distinct().collect(Collectors.joining(", "));
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

  /** A JSON integer (or a whole number written as a decimal), range-checked before it is narrowed. */
  public Integer integer(String field, boolean required, int min, int max) {
    Object value = present(field, required);
    if (value == null) return null;
    BigDecimal n = value instanceof Number number ? exactly(number) : null;
    if (n == null || n.signum() != 0 && n.stripTrailingZeros().scale() > 0) return wrongType(field, "must be an integer");
    if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
      return wrongType(field, "must be between " + min + " and " + max);
    }
    return n.intValue();
  }

  /**
   * The exact value of a JSON number, or null for one that is not finite or whose text is longer
   * than {@value #MAX_NUMBER_LENGTH} characters (checked first: converting is then cheap).
   */
  private static BigDecimal exactly(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) return BigDecimal.valueOf(n.longValue());
    if (n instanceof Double || n instanceof Float) {
      return Double.isFinite(n.doubleValue()) ? BigDecimal.valueOf(n.doubleValue()) : null;
    }
    if (n instanceof BigInteger big) return big.bitLength() <= 128 ? new BigDecimal(big) : null;
    if (n instanceof BigDecimal big) {
      return big.precision() <= MAX_NUMBER_LENGTH && Math.abs(big.scale()) <= MAX_NUMBER_LENGTH ? big : null;
    }
    return null;
  }

  /**
   * The exact decimal a JSON value holds (a number, or a string of ASCII digits with an optional
   * sign and point), or null; a text longer than {@value #MAX_NUMBER_LENGTH} characters is not
   * converted at all. For consumers too: a record's amount costs linear time, whatever it holds.
   */
  public static BigDecimal exactDecimal(Object value) {
    return value instanceof Number n ? exactly(n) : value instanceof String s ? decimalText(s) : null;
  }

  /** A decimal written as ASCII digits with an optional sign and point, or null. */
  private static BigDecimal decimalText(String text) {
    if (text.length() > MAX_NUMBER_LENGTH || !DECIMAL_TEXT.matcher(text).matches()) return null;
    return new BigDecimal(text);
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
    if (!(value instanceof Number || value instanceof String)) return wrongType(field, "must be a number");
    if (value instanceof String s && s.length() > MAX_NUMBER_LENGTH || value instanceof Number n && exactly(n) == null) {
      return wrongType(field, "must be a number of at most " + MAX_NUMBER_LENGTH + " characters");
    }
    BigDecimal d = exactDecimal(value);
    if (d == null) return wrongType(field, "must be a number written in ASCII digits, such as 12.50");
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
    OffsetDateTime time = parseTimestamp(s);
    if (time == null) return wrongType(field, TIMESTAMP_FORMAT);
    if (!inRange(time)) return wrongType(field, TIMESTAMP_RANGE);
    return time;
  }

  static final String TIMESTAMP_FORMAT = "must be an ISO-8601 date-time with offset, e.g. 2026-06-15T14:00:00Z";
  static final String TIMESTAMP_RANGE = "must be between 1900-01-01T00:00:00Z and 2200-12-31T23:59:59Z";

  /** An ISO-8601 date-time with offset, or null; long texts are not parsed at all. */
  public static OffsetDateTime parseTimestamp(String text) {
    if (text.length() > MAX_TIMESTAMP_LENGTH) return null;
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Whether a date-time is one every service can store: between {@link #EARLIEST} and {@link #LATEST}. */
  public static boolean inRange(OffsetDateTime time) {
    return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
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
      out.add(reader.apply(new RequestBody(item, prefix + path + ".", issues, bodies)));
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
    known.add(field);
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
