package com.fashionos.platform.db;

import com.fashionos.platform.http.RequestBody;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The parameters of a partial update written as {@code col = CASE WHEN $n THEN $n+1 ELSE col END}
 * per field: the row id, then for every updatable field (in the statement's order) whether the
 * change sets it and its value. One statement serves every subset of fields, with no SQL built
 * from strings.
 */
public final class Patch {
  private Patch() {}

  public static List<Object> args(Object id, List<String> updatable, Map<String, Object> accepted) {
    List<Object> args = new ArrayList<>();
    args.add(id);
    for (String field : updatable) {
      boolean set = accepted.containsKey(field);
      args.add(set);
      args.add(set ? toSql(accepted.get(field)) : null);
    }
    return args;
  }

  /** Enums travel as their wire names, id lists as uuid[]. */
  public static Object toSql(Object value) {
    if (value instanceof Enum<?> e) return RequestBody.wireName(e);
    if (value instanceof List<?> list) return list.toArray(new UUID[0]);
    return value;
  }

  /**
   * The fields whose stored value the update changed, for {@code updated_fields}: resending a value
   * that is already stored changes nothing and is not reported.
   */
  public static List<String> changed(Collection<String> fields, JsonObject before, JsonObject after) {
    return fields.stream().filter(f -> !Objects.equals(before.getValue(f), after.getValue(f))).toList();
  }
}
