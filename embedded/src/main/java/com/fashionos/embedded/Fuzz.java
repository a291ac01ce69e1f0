package com.fashionos.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fuzz suite's engine: hostile requests against one mutating endpoint, generated with jqwik's
 * arbitraries, each checked against the rules every endpoint keeps. A refused request is a 4xx
 * JSON error naming the field it was refused for, answered within {@link #BOUND}, and it leaves
 * the stored state exactly as it was; nothing is ever a 5xx.
 *
 * <p>The endpoints run in the services' JUnit stacks (real PostgreSQL and Kafka), which jqwik's
 * own lifecycle cannot reach; so the tests are JUnit tests drawing from jqwik generators (in a
 * {@code JqwikSession}) with a fixed seed, so the build is repeatable. {@code -Dfuzz.seed=random}
 * explores new inputs, {@code -Dfuzz.seed=<n>} replays a logged run, {@code -Dfuzz.tries=<n>}
 * sends more or fewer. A failure prints the exact request.
 */
public final class Fuzz {
  private static final Logger LOG = LoggerFactory.getLogger(Fuzz.class);
  /** Every answer, however hostile the request, comes within this. */
  public static final Duration BOUND = Duration.ofSeconds(5);
  public static final int TRIES = Integer.getInteger("fuzz.tries", 150);
  /** Fixed, so the build is repeatable; {@code -Dfuzz.seed=random} explores, any number replays. */
  public static final long SEED = "random".equals(System.getProperty("fuzz.seed")) ? System.currentTimeMillis()
      : Long.getLong("fuzz.seed", 20_261_204L);
  private static final String HOLE = "@@fuzz@@";
  private static final String KEY_HOLE = "@@fuzz-key@@";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, AtomicLong> OUTCOMES = new ConcurrentHashMap<>();
  private static final AtomicLong SLOWEST_MS = new AtomicLong();

  private Fuzz() {}

  /**
   * A JSON value as text, with what it is and whether every field must refuse it (a NUL, an
   * unpaired surrogate, nesting or a number past the parser's limits), whatever the field's type.
   */
  public record Hostile(String what, String json, boolean mustRefuse) {}

  /** One request: its path, body bytes, the field it must be refused for (when refused; null: any). */
  public record Attack(String what, String path, byte[] body, String field, boolean mustRefuse) {
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return what + " -> " + path + " " + (text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text);
    }
  }

  /** Hostile JSON values: long and huge numbers, foreign digits, NUL, lone surrogates, wrong types, deep nesting, far dates. */
  public static Arbitrary<Hostile> hostileValues() {
    Arbitrary<Hostile> longNumbers = Arbitraries.integers().between(15, 3_000).flatMap(n -> Arbitraries.of(
        new Hostile("integer of " + (n + 1) + " digits", "1" + "0".repeat(n), n >= 1_000),
        new Hostile("negative integer of " + (n + 1) + " digits", "-1" + "0".repeat(n), n >= 1_000),
        new Hostile("decimal of " + (n + 2) + " digits", "1." + "0".repeat(n) + "1", n + 2 > 1_000)));
    Arbitrary<Hostile> oddNumbers = Arbitraries.of("1e400", "-1e400", "1e-400", "18446744073709551716",
        "9223372036854775808", "4294967301", "-0", "0.1", "1.005", "1E+2", "123456789012345.67")
        .map(n -> new Hostile("number " + n, n, false));
    Arbitrary<Hostile> numberTexts = Arbitraries.oneOf(
        Arbitraries.integers().between(10, 100_000).map(n -> "1." + "0".repeat(n)),
        Arbitraries.of("\u0661\u0662\u0663", "\u0661\u0662.\u0665\u0660", "\uff11\uff12", "\u0967\u0968", "1e5",
            "NaN", "Infinity", "-Infinity", "0x10", " 12", "12 ", "1_000", "+-1", "", " "))
        .map(text -> new Hostile("number as text " + abbreviate(text), jsonString(text), false));
    Arbitrary<Hostile> nul = Arbitraries.strings().ofMaxLength(20).map(s -> s + "\u0000" + s)
        .map(s -> new Hostile("string with NUL", jsonString(s), true));
    Arbitrary<Hostile> surrogates = Arbitraries.of("\ud800", "\udc00", "x\udbff", "\udfffy", "\udc00\ud800")
        .map(s -> new Hostile("unpaired surrogate", jsonString(s), true));
    Arbitrary<Hostile> hugeStrings = Arbitraries.integers().between(2_001, 300_000)
        .map(n -> new Hostile("string of " + n + " characters", jsonString("x".repeat(n)), false));
    Arbitrary<Hostile> anyStrings = Arbitraries.strings().all().ofMaxLength(40)
        .filter(s -> s.chars().noneMatch(c -> c == 0 || Character.isSurrogate((char) c)))
        .map(s -> new Hostile("unicode string", jsonString(s), false));
    Arbitrary<Hostile> wrongTypes = Arbitraries.of("true", "false", "null", "[]", "{}", "[1,\"a\"]", "{\"a\":1}", "0", "-1")
        .map(v -> new Hostile("value " + v, v, false));
    Arbitrary<Hostile> nesting = Arbitraries.integers().between(2, 3_000).flatMap(d -> Arbitraries.of(
        new Hostile("arrays " + d + " deep", "[".repeat(d) + "]".repeat(d), d > 1_000),
        new Hostile("objects " + d + " deep", "{\"a\":".repeat(d) + "1" + "}".repeat(d), d > 1_000)));
    Arbitrary<Hostile> dates = Arbitraries.oneOf(
        Arbitraries.of("+300000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "1899-12-31T23:59:59Z",
            "2201-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-06-15T14:00:00", "2026-06-15T14:00:00+25:00",
            "2026-06-15", "0000-01-01T00:00:00Z"),
        Arbitraries.integers().between(-1_000_000, 1_000_000).filter(y -> y < 1900 || y > 2200)
            .map(y -> String.format("%s%06d-01-01T00:00:00Z", y < 0 ? "-" : "+", Math.abs(y))))
        .map(d -> new Hostile("date-time " + d, jsonString(d), false));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, longNumbers), net.jqwik.api.Tuple.of(2, oddNumbers), net.jqwik.api.Tuple.of(3, numberTexts),
        net.jqwik.api.Tuple.of(3, nul), net.jqwik.api.Tuple.of(2, surrogates), net.jqwik.api.Tuple.of(1, hugeStrings),
        net.jqwik.api.Tuple.of(2, anyStrings), net.jqwik.api.Tuple.of(2, wrongTypes), net.jqwik.api.Tuple.of(2, nesting),
        net.jqwik.api.Tuple.of(3, dates));
  }

  /** Field names a client should not send: typos, foreign letters, a NUL, an unpaired surrogate. */
  static Arbitrary<String> unknownNames() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12).map(s -> "x_" + s),
        Arbitraries.of("__proto__", "constructor", "id", "created_at", "event_id", "nаme" /* Cyrillic а */, "Name",
            "name ", "k\u0000", "\ud800", ""));
  }

  /**
   * Every attack on one endpoint: on its body (four in five) and on each of its path parameters,
   * {@code {name}} in the template with the real value in {@code params} (one in five; parameters
   * the template lacks are left out).
   */
  public static Arbitrary<Attack> endpointAttacks(String template, Map<String, String> params, JsonObject valid,
      Set<String> tolerated) {
    Map<String, String> sorted = new TreeMap<>(params); // a fixed order: the seed replays the same run
    sorted.keySet().removeIf(name -> !template.contains("{" + name + "}"));
    String path = template;
    for (Map.Entry<String, String> param : sorted.entrySet()) path = path.replace("{" + param.getKey() + "}", param.getValue());
    Arbitrary<Attack> body = bodyAttacks(path, valid, tolerated);
    if (sorted.isEmpty()) return body;
    List<Arbitrary<Attack>> onPath = new ArrayList<>();
    for (String attacked : sorted.keySet()) {
      String others = template;
      for (Map.Entry<String, String> param : sorted.entrySet()) {
        if (!param.getKey().equals(attacked)) others = others.replace("{" + param.getKey() + "}", param.getValue());
      }
      onPath.add(pathAttacks(others, attacked, sorted.get(attacked), valid));
    }
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, body), net.jqwik.api.Tuple.of(1, Arbitraries.oneOf(onPath)));
  }

  /**
   * Attacks on a body: one field (at any depth) replaced by a hostile value, an unknown field
   * added at any depth, invalid UTF-8 in a string, or a body that is not a JSON object at all.
   */
  public static Arbitrary<Attack> bodyAttacks(String path, JsonObject valid) {
    return bodyAttacks(path, valid, Set.of());
  }

  /**
   * Like {@link #bodyAttacks(String, JsonObject)} for an endpoint that tolerates some fields: those
   * whose value is free-form JSON (any member is fine) and those it deliberately ignores (a
   * directory's echoed {@code id}). No unknown field is added inside or under those names.
   */
  public static Arbitrary<Attack> bodyAttacks(String path, JsonObject valid, Set<String> tolerated) {
    List<String> leaves = new ArrayList<>();
    List<String> objects = new ArrayList<>();
    paths(valid, "", tolerated, leaves, objects);
    Arbitrary<Attack> replaced = Combinators.combine(Arbitraries.of(leaves), hostileValues()).as((leaf, value) ->
        new Attack(leaf + " = " + value.what(), path, withHole(valid, leaf, HOLE, value.json()), leaf, value.mustRefuse()));
    Arbitrary<Attack> unknown = Combinators.combine(Arbitraries.of(objects),
            unknownNames().filter(name -> !tolerated.contains(name)), hostileValues())
        .as((at, name, value) -> {
          String leaf = (at.isEmpty() ? "" : at + ".") + name;
          return new Attack("unknown field " + abbreviate(leaf) + " = " + value.what(), path,
              withHole(valid, at, name, value.json()), printable(leaf), true);
        });
    Arbitrary<Attack> badUtf8 = Combinators.combine(Arbitraries.of(leaves),
        Arbitraries.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28}, new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xe2, (byte) 0x82}))
        .as((leaf, bytes) -> new Attack(leaf + " with invalid UTF-8", path, utf8Hole(valid, leaf, bytes), "body", true));
    Arbitrary<Attack> notAnObject = Arbitraries.of("", " ", "[]", "[1,2]", "1", "\"text\"", "null", "{", "{\"a\":",
            "{\"a\" 1}", "{}}", "\u0000")
        .map(text -> new Attack("body " + abbreviate(text), path, text.getBytes(StandardCharsets.UTF_8), "body", true));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(10, replaced), net.jqwik.api.Tuple.of(3, unknown),
        net.jqwik.api.Tuple.of(1, badUtf8), net.jqwik.api.Tuple.of(1, notAnObject));
  }

  /**
   * Attacks on a path parameter: the segment replaced by a percent-encoded hostile text, a NUL,
   * bad UTF-8, or a well-formed id of nothing (the body stays valid). The answer is a 400 naming
   * the parameter or a 404.
   */
  public static Arbitrary<Attack> pathAttacks(String template, String parameter, String actual, JsonObject valid) {
    byte[] body = valid.encode().getBytes(StandardCharsets.UTF_8);
    Arbitrary<String> segments = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60).map(Fuzz::percentEncoded),
        Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(40),
        Arbitraries.of("%00", "%FF", "%C3%28", "..", "%2e%2e", "%2F", "null", "undefined", "-1", "0",
            actual + "%00", actual.toUpperCase(), "%20" + actual, actual + "x", "x".repeat(1_000),
            "00000000-0000-0000-0000-000000000000", java.util.UUID.randomUUID().toString()));
    // A dot segment is resolved away: the request reaches another route, refused for its own reasons.
    return segments.map(segment -> new Attack(parameter + " = " + abbreviate(segment),
        template.replace("{" + parameter + "}", segment), body,
        segment.equals("..") || segment.equalsIgnoreCase("%2e%2e") ? null : parameter, false));
  }

  /**
   * Sends {@code tries} attacks and checks each: within {@link #BOUND}, never a 5xx, a refusal is
   * a JSON error naming the field, and {@code state} reads the same before and after a refusal.
   */
  public static void run(String name, String baseUrl, String method, String token, Arbitrary<Attack> attacks,
      Supplier<String> state, int tries) {
    Random random = new Random(SEED ^ name.hashCode());
    LOG.info("fuzz {}: {} tries, seed {}", name, tries, SEED);
    // A jqwik session gives the generators their context outside jqwik's own lifecycle.
    JqwikSession.start(Long.toString(SEED));
    try {
      RandomGenerator<Attack> generator = attacks.generator(1_000);
      for (int i = 0; i < tries; i++) check(name, baseUrl, method, token, i, generator.next(random).value(), state);
    } finally {
      JqwikSession.finish();
    }
  }

  private static void check(String name, String baseUrl, String method, String token, int i, Attack attack,
      Supplier<String> state) {
    String before = state.get();
    long started = System.nanoTime();
    Answer answer = send(baseUrl, method, token, attack);
    SLOWEST_MS.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
    count(name, answer.status());
    String context = name + " try " + i + " (seed " + SEED + "): " + attack + "\n  answered " + answer;
    assertThat(answer.status()).as(context).isLessThan(500);
    if (answer.status() < 400) {
      assertThat(attack.mustRefuse()).as("accepted what must be refused: " + context).isFalse();
      return;
    }
    assertThat(answer.contentType()).as(context).startsWith("application/json");
    JsonObject error = new JsonObject(answer.text()).getJsonObject("error");
    assertThat(error).as(context).isNotNull();
    assertThat(error.getString("code")).as(context).isNotBlank();
    List<String> fields = error.getJsonArray("details", new JsonArray()).stream()
        .map(d -> ((JsonObject) d).getString("field")).toList();
    switch (error.getString("code")) {
      // The field itself or a part of it (an item of a list, a member of an object).
      case "validation_failed" -> assertThat(fields).as(context).anyMatch(f -> attack.field() == null || f.equals(attack.field())
          || f.startsWith(attack.field() + "[") || f.startsWith(attack.field() + "."));
      case "invalid_json", "invalid_utf8", "payload_too_large" -> assertThat(fields).as(context).contains("body");
      // A path that no longer matches the route (an encoded "..") has no field to name.
      case "not_found", "method_not_allowed" -> assertThat(answer.status()).as(context).isIn(404, 405);
      default -> assertThat(fields).as(context).isNotEmpty();
    }
    assertThat(state.get()).as("state changed by a refused request: " + context).isEqualTo(before);
  }

  /** Logs (and answers) the outcomes of every fuzz request of this JVM so far, by endpoint and status. */
  public static String summary() {
    Map<String, Long> byOutcome = new TreeMap<>();
    OUTCOMES.forEach((key, count) -> byOutcome.put(key, count.get()));
    long total = byOutcome.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Long> byStatus = new TreeMap<>();
    byOutcome.forEach((key, count) -> byStatus.merge(key.substring(key.lastIndexOf(' ') + 1), count, Long::sum));
    String summary = "fuzz: " + total + " requests, by status " + byStatus + ", slowest answer " + SLOWEST_MS.get()
        + " ms; by endpoint " + byOutcome;
    LOG.info(summary);
    return summary;
  }

  private static void count(String name, int status) {
    OUTCOMES.computeIfAbsent(name + " " + status, k -> new AtomicLong()).incrementAndGet();
  }

  private record Answer(int status, String contentType, String text) {
    @Override
    public String toString() {
      return status + " " + (text.length() > 400 ? text.substring(0, 400) + "…" : text);
    }
  }

  private static Answer send(String baseUrl, String method, String token, Attack attack) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + attack.path())).timeout(BOUND)
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(attack.body())).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""), response.body());
    } catch (HttpTimeoutException e) {
      throw new AssertionError("no answer within " + BOUND.toSeconds() + " s: " + attack, e);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + attack, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every leaf's and every object's path, in RequestBody's notation ({@code lines[0].amount}). */
  private static void paths(Object value, String at, Set<String> tolerated, List<String> leaves, List<String> objects) {
    if (value instanceof JsonObject object && !tolerated.contains(at)) {
      objects.add(at);
      for (String key : object.fieldNames()) {
        paths(object.getValue(key), at.isEmpty() ? key : at + "." + key, tolerated, leaves, objects);
      }
    } else if (value instanceof JsonArray array && !array.isEmpty() && array.getValue(0) instanceof JsonObject) {
      leaves.add(at);
      for (int i = 0; i < array.size(); i++) paths(array.getValue(i), at + "[" + i + "]", tolerated, leaves, objects);
    } else {
      leaves.add(at);
    }
  }

  /**
   * The body with raw JSON text at a path: the leaf at {@code at} itself ({@code key} is
   * {@link #HOLE}) or a new field {@code key} of the object at {@code at}. Both the value and a
   * new name are written by hand, so escapes such as a lone surrogate reach the server as sent.
   */
  private static byte[] withHole(JsonObject valid, String at, String key, String json) {
    JsonObject copy = valid.copy();
    boolean leaf = key.equals(HOLE);
    JsonObject parent = at.isEmpty() ? copy : (JsonObject) resolve(copy, at, leaf);
    parent.put(leaf ? last(at) : KEY_HOLE, HOLE);
    String text = copy.encode().replace(Json.encode(HOLE), json);
    if (!leaf) text = text.replace(Json.encode(KEY_HOLE), jsonString(key));
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The body with the string at {@code leaf} replaced by raw bytes that are not UTF-8. */
  private static byte[] utf8Hole(JsonObject valid, String leaf, byte[] bytes) {
    String text = new String(withHole(valid, leaf, HOLE, Json.encode(HOLE)), StandardCharsets.UTF_8);
    int at = text.indexOf(HOLE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bytes);
    out.writeBytes(text.substring(at + HOLE.length()).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** The container of the path's last step ({@code parentOnly}) or the value at the path. */
  private static Object resolve(JsonObject root, String path, boolean parentOnly) {
    List<String> steps = new ArrayList<>(List.of(path.split("\\.|(?=\\[)")));
    if (parentOnly) steps.remove(steps.size() - 1);
    Object current = root;
    for (String step : steps) {
      current = step.startsWith("[") ? ((JsonArray) current).getValue(Integer.parseInt(step.substring(1, step.length() - 1)))
          : ((JsonObject) current).getValue(step);
    }
    return current;
  }

  private static String last(String path) {
    String[] steps = path.split("\\.|(?=\\[)");
    return steps[steps.length - 1];
  }

  /** A JSON string literal with everything but printable ASCII escaped, so lone surrogates survive as escapes. */
  public static String jsonString(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c >= 0x20 && c < 0x7f) out.append(c);
      else out.append(String.format("\\u%04x", (int) c));
    }
    return out.append('"').toString();
  }

  /** How a field name with a NUL or an unpaired surrogate is named back (U+FFFD in its place). */
  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
        out.append(c).append(name.charAt(++i));
      } else {
        out.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  private static String percentEncoded(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) out.append(String.format("%%%02X", b & 0xff));
    return out.toString();
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
  }
}
