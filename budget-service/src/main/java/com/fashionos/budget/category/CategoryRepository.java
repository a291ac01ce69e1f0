package com.fashionos.budget.category;

import com.fashionos.platform.change.BudgetCategory;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.http.RequestBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL of event budgets, their categories, reallocations and status; statements in {@code CategoryRepository.sql}. */
public final class CategoryRepository {
  static final NamedStatements SQL = NamedStatements.forClass(CategoryRepository.class);

  /** A category row as stored, with its API shape. */
  public record StoredCategory(UUID id, BudgetCategory category, BigDecimal budgeted, BigDecimal actual,
      JsonObject fieldTimes, JsonObject view) {}

  /** What the caller may do with the event's budget. */
  public record Rights(boolean lead, boolean editor) {}

  /** An unpaid expense past its due date. */
  record PastDue(UUID id, String name, BigDecimal amount, Instant dueDate) {}

  /** The event's currency, or null before the event has a budget. */
  public Future<String> currency(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("event_currency")).execute(Tuple.of(eventId))
        .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString("currency"));
  }

  public Future<Rights> rights(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("is_lead")).execute(Tuple.of(eventId)).map(rows -> {
      Row row = rows.iterator().next();
      return new Rights(row.getBoolean("lead"), row.getBoolean("editor"));
    });
  }

  Future<Void> ensureBudget(SqlConnection conn, UUID eventId, String currency) {
    return conn.preparedQuery(SQL.get("ensure_budget")).execute(Tuple.of(eventId, currency)).mapEmpty();
  }

  /** The event's categories in the spec's order, with their API shape. */
  Future<List<StoredCategory>> all(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("categories")).execute(Tuple.of(eventId)).map(rows -> {
      List<StoredCategory> categories = new ArrayList<>();
      rows.forEach(r -> categories.add(new StoredCategory(null, category(r.getString("category")),
          r.getBigDecimal("budgeted_amount"), r.getBigDecimal("actual_amount"), null,
          (JsonObject) r.getValue("category_json"))));
      return categories;
    });
  }

  public Future<JsonObject> view(SqlConnection conn, UUID categoryId) {
    return conn.preparedQuery(SQL.get("category_view")).execute(Tuple.of(categoryId))
        .map(rows -> (JsonObject) rows.iterator().next().getValue("category_json"));
  }

  /** The categories' API shapes by id (those that exist). */
  public Future<Map<UUID, JsonObject>> views(SqlConnection conn, Collection<UUID> categoryIds) {
    return conn.preparedQuery(SQL.get("category_views_of")).execute(Tuple.tuple().addArrayOfUUID(categoryIds.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, JsonObject> views = new LinkedHashMap<>();
          rows.forEach(r -> views.put(r.getUUID("id"), (JsonObject) r.getValue("category_json")));
          return views;
        });
  }

  /**
   * Locks the event's categories an expense change is about to move and answers their API shapes
   * before it, for the change records (an editor may not lock them otherwise).
   */
  public Future<Map<UUID, JsonObject>> lockSpent(SqlConnection conn, UUID eventId, Collection<UUID> categoryIds) {
    return conn.preparedQuery(SQL.get("lock_spent_categories"))
        .execute(Tuple.tuple().addUUID(eventId).addArrayOfUUID(categoryIds.toArray(UUID[]::new)))
        .compose(locked -> views(conn, categoryIds));
  }

  /** The named categories of the event that exist, locked for the rest of the transaction. */
  Future<Map<BudgetCategory, StoredCategory>> lock(SqlConnection conn, UUID eventId, List<BudgetCategory> wanted) {
    String[] names = wanted.stream().map(RequestBody::wireName).toArray(String[]::new);
    // Not Tuple.of(eventId, names): varargs would spread the array into separate parameters.
    return conn.preparedQuery(SQL.get("lock_categories")).execute(Tuple.tuple().addUUID(eventId).addArrayOfString(names))
        .map(rows -> {
      Map<BudgetCategory, StoredCategory> found = new EnumMap<>(BudgetCategory.class);
      rows.forEach(r -> found.put(category(r.getString("category")), new StoredCategory(r.getUUID("id"),
          category(r.getString("category")), r.getBigDecimal("budgeted_amount"), r.getBigDecimal("actual_amount"),
          (JsonObject) r.getValue("field_times"), (JsonObject) r.getValue("category_json"))));
      return found;
    });
  }

  /** A new category in the event's currency; null when the event has no budget row. */
  Future<UUID> insert(SqlConnection conn, UUID eventId, BudgetCategory category, BigDecimal budgeted, JsonObject stamps) {
    return conn.preparedQuery(SQL.get("insert_category"))
        .execute(Tuple.of(eventId, RequestBody.wireName(category), budgeted, stamps))
        .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  Future<Void> setBudgeted(SqlConnection conn, UUID categoryId, BigDecimal budgeted, JsonObject stamps) {
    return conn.preparedQuery(SQL.get("set_budgeted")).execute(Tuple.of(categoryId, budgeted, stamps)).mapEmpty();
  }

  Future<UUID> insertReallocation(SqlConnection conn, UUID eventId, BudgetCategory from, BudgetCategory to,
      BigDecimal amount, String reason, UUID by) {
    return conn.preparedQuery(SQL.get("insert_reallocation")).execute(Tuple.from(Arrays.asList(eventId,
            RequestBody.wireName(from), RequestBody.wireName(to), amount, reason, by)))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  Future<JsonObject> reallocationView(SqlConnection conn, UUID reallocationId) {
    return conn.preparedQuery(SQL.get("reallocation_view")).execute(Tuple.of(reallocationId))
        .map(rows -> (JsonObject) rows.iterator().next().getValue("reallocation_json"));
  }

  /** The event's reallocations, newest first. */
  Future<JsonObject> reallocations(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("reallocations")).execute(Tuple.of(eventId)).map(rows -> {
      Row row = rows.iterator().next();
      return new JsonObject().put("reallocations", (JsonArray) row.getValue("reallocations")).put("total", row.getLong("total"));
    });
  }

  Future<List<PastDue>> pastDue(SqlConnection conn, UUID eventId) {
    return conn.preparedQuery(SQL.get("unpaid_past_due")).execute(Tuple.of(eventId)).map(rows -> {
      List<PastDue> due = new ArrayList<>();
      rows.forEach(r -> due.add(new PastDue(r.getUUID("id"), r.getString("name"), r.getBigDecimal("amount_in_event_currency"),
          r.getOffsetDateTime("due_date").toInstant())));
      return due;
    });
  }

  /** Saves the status when it changed: the new and old rows, or null when nothing changed. */
  Future<JsonObject[]> saveStatus(SqlConnection conn, UUID eventId, JsonObject summary) {
    return conn.preparedQuery(SQL.get("save_status")).execute(Tuple.of(eventId, summary)).map(rows -> {
      if (rows.rowCount() == 0) return null;
      Row row = rows.iterator().next();
      return new JsonObject[] {(JsonObject) row.getValue("row"), (JsonObject) row.getValue("old_row")};
    });
  }

  /** The wizard's budget: its row and each category, once; the ids of the categories it made. */
  public Future<List<UUID>> createFromWizard(SqlConnection conn, UUID eventId, String currency,
      Map<BudgetCategory, BigDecimal> lines) {
    List<UUID> made = new ArrayList<>();
    Future<Void> chain = conn.preparedQuery(SQL.get("wizard_budget")).execute(Tuple.of(eventId, currency)).mapEmpty();
    for (Map.Entry<BudgetCategory, BigDecimal> line : lines.entrySet()) {
      chain = chain.compose(v -> conn.preparedQuery(SQL.get("wizard_category"))
          .execute(Tuple.of(eventId, RequestBody.wireName(line.getKey()), line.getValue(), currency))
          .map(rows -> {
            rows.forEach(r -> made.add(r.getUUID("id")));
            return null;
          }));
    }
    return chain.map(v -> made);
  }

  static BudgetCategory category(String wire) {
    return RequestBody.parseEnum(BudgetCategory.class, wire);
  }
}
