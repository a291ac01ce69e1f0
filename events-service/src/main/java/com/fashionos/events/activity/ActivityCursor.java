package com.fashionos.events.activity;

import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.http.Uuids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the feed ends: the feed is ordered by when the user acted, then by arrival, so
 * the cursor is the last entry's acted time, arrival time and id, base64url-encoded so it needs no
 * escaping in a URL. {@code before} may also be a plain date-time (everything acted before it):
 * then the arrival time and id are null. The notifications inbox pages the same way.
 */
public record ActivityCursor(OffsetDateTime actedAt, OffsetDateTime createdAt, UUID id) {
  private static final int MAX_LENGTH = 200;

  public static ActivityCursor of(JsonObject entry) {
    return new ActivityCursor(OffsetDateTime.parse(entry.getString("acted_at")),
        OffsetDateTime.parse(entry.getString("created_at")), UUID.fromString(entry.getString("id")));
  }

  /** The cursor for the page after this one (older entries), or null when this page was the last. */
  public static String nextBefore(JsonArray page, int limit) {
    return page.size() < limit ? null : of(page.getJsonObject(page.size() - 1)).encode();
  }

  public String encode() {
    String plain = actedAt + "|" + createdAt + "|" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor {@code before} names: a {@code next_before} of an earlier page, or a date-time. */
  public static ActivityCursor parse(String before) {
    if (before == null) return null;
    OffsetDateTime time = RequestBody.parseTimestamp(before);
    if (time != null) {
      if (!RequestBody.inRange(time)) throw invalid();
      return new ActivityCursor(time, null, null);
    }
    String[] parts = decode(before).split("\\|", -1);
    try {
      UUID id = parts.length == 3 ? Uuids.parse(parts[2]) : null;
      if (id != null) return new ActivityCursor(OffsetDateTime.parse(parts[0]), OffsetDateTime.parse(parts[1]), id);
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw invalid();
  }

  private static String decode(String cursor) {
    if (cursor.length() > MAX_LENGTH) throw invalid();
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.invalidField("before", "must be a next_before of an earlier page or an RFC 3339 date-time");
  }
}
