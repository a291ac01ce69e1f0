package com.fashionos.budget.category;

import com.fashionos.budget.BudgetChangeRecords;
import com.fashionos.budget.category.CategoryRepository.StoredCategory;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.change.BudgetCategory;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.FieldClock;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Patch;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiException.FieldIssue;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.http.Responses;
import com.fashionos.platform.membership.Membership;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/v1/events/{eventId}/budget}: the budget, a category's budgeted amount, and
 * reallocations between categories. Only the lead changes budgeted amounts and moves money.
 */
public final class BudgetRoutes {
  private static final String BUDGETED = "budgeted_amount";
  private final Database database;
  private final Membership membership;
  private final BudgetStatus status;
  private final CategoryRepository categories = new CategoryRepository();

  public BudgetRoutes(Database database, Membership membership, BudgetStatus status) {
    this.database = database;
    this.membership = membership;
    this.status = status;
  }

  public void mount(Router router) {
    router.route("/api/v1/events/:eventId/budget*").handler(membership::ensureKnown);
    router.get("/api/v1/events/:eventId/budget").handler(this::budget);
    router.put("/api/v1/events/:eventId/budget/categories/:category").handler(this::setBudgeted);
    router.get("/api/v1/events/:eventId/budget/reallocations").handler(this::reallocations);
    router.post("/api/v1/events/:eventId/budget/reallocations").handler(this::reallocate);
  }

  private void budget(RoutingContext ctx) {
    QueryParams.accept(ctx);
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> membership.visible(conn, eventId)
        .compose(v -> status.read(conn, eventId)).map(ApiResponse::ok)));
  }

  /** The event's reallocations, newest first, as their change records carry each. */
  private void reallocations(RoutingContext ctx) {
    QueryParams.accept(ctx);
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> membership.visible(conn, eventId)
        .compose(v -> categories.reallocations(conn, eventId)).map(ApiResponse::ok)));
  }


  /** 404 for outsiders, 403 for members who are not the lead. */
  private Future<Void> lead(SqlConnection conn, UUID eventId) {
    return membership.visible(conn, eventId).compose(v -> categories.rights(conn, eventId)).map(rights -> {
      if (!rights.lead()) throw ApiException.forbidden("Only the event lead can change budgets and move money");
      return null;
    });
  }

  /** Sets (or, for a category the event has none of, creates) a category's budgeted amount. */
  private void setBudgeted(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    BudgetCategory category = RequestBody.parseEnum(BudgetCategory.class, ctx.pathParam("category"));
    if (category == null) {
      throw ApiException.invalidField("category", "must be one of " + RequestBody.wireNames(BudgetCategory.class));
    }
    RequestBody body = RequestBody.of(ctx);
    BigDecimal budgeted = body.decimal(BUDGETED, true, BigDecimal.ZERO, RequestBody.MAX_MONEY);
    body.validateUnprocessable();
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> lead(tx.sql(), eventId)
        .compose(v -> categories.ensureBudget(tx.sql(), eventId, BudgetStatus.DEFAULT_CURRENCY))
        .compose(v -> categories.lock(tx.sql(), eventId, List.of(category)))
        .compose(found -> {
          StoredCategory current = found.get(category);
          JsonObject stamps = FieldClock.stamp(Set.of(BUDGETED), tx.mutation().actedAt());
          if (current == null) {
            return categories.insert(tx.sql(), eventId, category, budgeted, stamps)
                .compose(id -> categories.view(tx.sql(), id))
                .compose(row -> tx.publishRowChange(eventId, "event_budget_categories", Operation.INSERT, row, null)
                    .compose(v -> tx.publishResourceChange(eventId, BudgetChangeRecords.BUDGET_CATEGORY, row, null, false))
                    .map(v -> new Outcome(row, List.of(BUDGETED), List.of())));
          }
          if (FieldClock.winners(current.fieldTimes(), Set.of(BUDGETED), tx.mutation().actedAt()).isEmpty()) {
            return tx.publishSuperseded(eventId, "event_budget_categories", named(current), List.of(BUDGETED))
                .map(v -> new Outcome(current.view(), List.of(), List.of(BUDGETED)));
          }
          return categories.setBudgeted(tx.sql(), current.id(), budgeted, stamps)
              .compose(v -> categories.view(tx.sql(), current.id()))
              .compose(row -> tx.publishRowChange(eventId, "event_budget_categories", Operation.UPDATE, row,
                  current.view())
                  .compose(v -> tx.publishResourceChange(eventId, BudgetChangeRecords.BUDGET_CATEGORY, row, current.view(), false))
                  .map(v -> new Outcome(row,
                  // The view names the amount "budgeted"; the request "budgeted_amount".
                  Patch.changed(List.of("budgeted"), current.view(), row).isEmpty() ? List.of() : List.of(BUDGETED),
                  List.of())));
        })
        .compose(outcome -> status.update(tx, eventId).map(budget -> ApiResponse.ok(new JsonObject()
            .put("success", true).put("category", outcome.row()).put("budget", budget)
            .put("updated_fields", new JsonArray(outcome.updated()))
            .put("superseded_fields", new JsonArray(outcome.superseded())))))));
  }

  private record Outcome(JsonObject row, List<String> updated, List<String> superseded) {}

  /** A superseded notice names the row by its category. */
  private static JsonObject named(StoredCategory category) {
    return category.view().copy().put("name", RequestBody.wireName(category.category()));
  }

  /**
   * Moves budgeted money from one category to another: both change or neither, and the giving
   * category keeps at least what is already spent in it.
   */
  private void reallocate(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    RequestBody body = RequestBody.of(ctx);
    BudgetCategory from = body.enumValue("from", BudgetCategory.class, true);
    BudgetCategory to = body.enumValue("to", BudgetCategory.class, true);
    BigDecimal amount = body.decimal("amount", true, new BigDecimal("0.01"), RequestBody.MAX_MONEY);
    String reason = body.string("reason", false, 500);
    if (from != null && from == to) body.fail("to", "must differ from 'from'");
    body.validateUnprocessable();
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> lead(tx.sql(), eventId)
        .compose(v -> categories.lock(tx.sql(), eventId, List.of(from, to)))
        .compose(found -> {
          StoredCategory giver = found.get(from);
          if (giver == null) {
            throw ApiException.unprocessable("no_such_category", "This event's budget has no " + RequestBody.wireName(from)
                + " category", List.of(new FieldIssue("from", "the event's budget has no such category")));
          }
          BigDecimal left = giver.budgeted().subtract(amount);
          if (left.compareTo(giver.actual()) < 0) {
            throw ApiException.unprocessable("insufficient_budget", "Moving " + amount.toPlainString() + " would leave "
                + RequestBody.wireName(from) + " with " + left.toPlainString() + ", below the " + giver.actual().toPlainString()
                + " already spent in it", List.of(new FieldIssue("amount", "must be at most "
                + giver.budgeted().subtract(giver.actual()).max(BigDecimal.ZERO).toPlainString())));
          }
          StoredCategory receiver = found.get(to);
          if (receiver != null && receiver.budgeted().add(amount).compareTo(RequestBody.MAX_MONEY) > 0) {
            throw ApiException.unprocessable("validation_failed", "The receiving budget would exceed " + RequestBody.MAX_MONEY.toPlainString(),
                List.of(new FieldIssue("amount", "would take " + RequestBody.wireName(to) + " over " + RequestBody.MAX_MONEY.toPlainString())));
          }
          return move(tx, eventId, giver, receiver, to, amount);
        })
        .compose(v -> categories.insertReallocation(tx.sql(), eventId, from, to, amount, reason, tx.principal().userId()))
        .compose(id -> categories.reallocationView(tx.sql(), id))
        .compose(row -> tx.publishRowChange(eventId, "reallocations", Operation.INSERT, row, null)
            .compose(v -> tx.publishResourceChange(eventId, BudgetChangeRecords.REALLOCATION, row, null, false))
            .compose(v -> status.update(tx, eventId))
            .map(budget -> ApiResponse.created(new JsonObject().put("success", true)
                .put("reallocation", row).put("budget", budget))))));
  }

  /**
   * Both budgeted amounts, as one change each; a receiving category the event lacks is made. They
   * follow from the reallocation (the person's act, in the feed once), so they carry no actor.
   */
  private Future<Void> move(Transaction tx, UUID eventId, StoredCategory giver, StoredCategory receiver,
      BudgetCategory to, BigDecimal amount) {
    JsonObject stamps = FieldClock.stamp(Set.of(BUDGETED), tx.mutation().actedAt());
    Future<Void> given = categories.setBudgeted(tx.sql(), giver.id(), giver.budgeted().subtract(amount), stamps)
        .compose(v -> categories.view(tx.sql(), giver.id()))
        .compose(row -> BudgetStatus.publishDerivedCategory(tx, eventId, row, giver.view()));
    if (receiver == null) {
      return given.compose(v -> categories.insert(tx.sql(), eventId, to, amount, stamps))
          .compose(id -> categories.view(tx.sql(), id))
          .compose(row -> BudgetStatus.publishDerivedCategory(tx, eventId, row, null));
    }
    return given.compose(v -> categories.setBudgeted(tx.sql(), receiver.id(), receiver.budgeted().add(amount), stamps))
        .compose(v -> categories.view(tx.sql(), receiver.id()))
        .compose(row -> BudgetStatus.publishDerivedCategory(tx, eventId, row, receiver.view()));
  }
}
