package com.fashionos.platform.db;

import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.auth.Principal;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.QueryParams;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Who is changing something, and when they acted. {@code actedAt} is the client's
 * {@code X-Client-Timestamp} (an offline replay acted in the past), clamped to the past week and
 * never later than now; {@code recordedAt} is the server's clock.
 */
public record Mutation(Principal principal, String idempotencyKey, String requestHash, Instant actedAt,
    Instant recordedAt) {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  public static final String CLIENT_TIMESTAMP = "X-Client-Timestamp";
  static final Duration MAX_CLIENT_AGE = Duration.ofDays(7);
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

  public static Mutation from(RoutingContext ctx) {
    QueryParams.acceptNoneUnlessDeclared(ctx);
    Instant now = Instant.now();
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    if (key != null && !KEY.matcher(key).matches()) {
      throw ApiException.invalidField(IDEMPOTENCY_KEY, "must be 1-255 visible ASCII characters");
    }
    String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
    String hash = sha256(ctx.request().method().name() + " " + ctx.request().path() + "\n" + body);
    return new Mutation(Authentication.principal(ctx), key, hash,
        clientTime(ctx.request().getHeader(CLIENT_TIMESTAMP), now), now);
  }

  /** A change made by the system itself (consumers, sweepers) on behalf of a user. */
  public static Mutation internal(Principal principal) {
    Instant now = Instant.now();
    return new Mutation(principal, null, null, now, now);
  }

  static Instant clientTime(String header, Instant now) {
    if (header == null || header.isBlank()) return now;
    Instant parsed;
    try {
      parsed = header.chars().allMatch(Character::isDigit)
          ? Instant.ofEpochMilli(Long.parseLong(header))
          : OffsetDateTime.parse(header).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw ApiException.invalidField(CLIENT_TIMESTAMP, "must be an ISO-8601 date-time with offset or epoch milliseconds");
    }
    if (parsed.isAfter(now)) return now;
    Instant oldest = now.minus(MAX_CLIENT_AGE);
    return parsed.isBefore(oldest) ? oldest : parsed;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
