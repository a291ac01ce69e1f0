package com.fashionos.events.summary;

import com.fashionos.platform.change.RowChange;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.db.Transaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Keeps each event's budget as budget-service works it out (its {@code budget_status} rows on
 * {@code fashionos.budget.v1}): the detail's {@code budget} block, totals, categories and alerts.
 */
public final class BudgetSummaryProjection extends SummaryProjection {
  private static final NamedStatements SQL = NamedStatements.forClass(BudgetSummaryProjection.class);

  public BudgetSummaryProjection(KafkaConfig kafka, Database database) {
    super(kafka, "events-service.budget-summaries", Topics.BUDGET, "budget_status", database);
  }

  @Override
  protected Future<Void> apply(Transaction tx, UUID eventId, JsonObject row, RowChange change) {
    JsonObject status = row.getJsonObject("summary");
    // The detail's block as the API states it: currency, variance and suggestions are the budget screen's.
    JsonObject budget = new JsonObject()
        .put("total_budgeted", status.getString("total_budgeted"))
        .put("total_actual", status.getString("total_actual"))
        .put("variance_percentage", status.getValue("variance_percentage"))
        .put("categories", status.getJsonArray("categories", new JsonArray()))
        .put("alerts", status.getJsonArray("alerts", new JsonArray()));
    return tx.sql().preparedQuery(SQL.get("save_budget_summary"))
        .execute(Tuple.of(eventId, budget, change.version()))
        .mapEmpty();
  }
}
