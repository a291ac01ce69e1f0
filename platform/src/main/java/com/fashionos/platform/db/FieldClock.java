package com.fashionos.platform.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Last writer wins per field, by the time the user acted. A row keeps, per field, when the
 * accepted change of that field was made; an offline replay that acted earlier than that loses
 * for that field only (and is reported, never silently applied).
 */
public final class FieldClock {
  private FieldClock() {}

  /** The requested fields this write may change. Ties go to the later arrival. */
  public static Set<String> winners(JsonObject fieldTimes, Collection<String> requested, Instant actedAt) {
    Set<String> winners = new LinkedHashSet<>();
    for (String field : requested) {
      Instant last = lastChange(fieldTimes, field);
      if (last == null || !actedAt.isBefore(last)) winners.add(field);
    }
    return winners;
  }

  /** The entries to merge into the row's field times for the accepted fields. */
  public static JsonObject stamp(Collection<String> fields, Instant actedAt) {
    JsonObject stamps = new JsonObject();
    fields.forEach(field -> stamps.put(field, actedAt.toString()));
    return stamps;
  }

  private static Instant lastChange(JsonObject fieldTimes, String field) {
    String value = fieldTimes == null ? null : fieldTimes.getString(field);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
