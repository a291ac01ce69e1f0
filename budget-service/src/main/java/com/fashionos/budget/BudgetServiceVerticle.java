package com.fashionos.budget;

import com.fashionos.budget.category.BudgetRoutes;
import com.fashionos.budget.category.BudgetStatus;
import com.fashionos.budget.expense.ExpenseRoutes;
import com.fashionos.budget.expense.InvoiceFiles;
import com.fashionos.budget.wizard.WizardBudgetConsumer;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.health.ServiceVerticle;
import com.fashionos.platform.membership.EventMembershipReadModel;
import com.fashionos.platform.membership.Membership;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;

/**
 * budget-service: an event's budget categories, expenses, reallocations and the alerts and
 * suggestions worked out from them (schema {@code budget}, topic {@code fashionos.budget.v1});
 * creates the wizard's categories from the event-created record.
 */
public final class BudgetServiceVerticle extends ServiceVerticle {
  public static final ServiceSchema SCHEMA = new ServiceSchema("budget", Topics.BUDGET).withMembershipReadModel();
  private final BudgetServiceConfig budgetConfig;

  public BudgetServiceVerticle(BudgetServiceConfig config) {
    super(config.service());
    this.budgetConfig = config;
  }

  @Override
  protected ServiceSchema schema() {
    return SCHEMA;
  }

  @Override
  protected Future<?> startParts(Router router, TokenVerifier verifier) {
    router.route("/api/*").handler(new Authentication(verifier));
    WebClient client = WebClient.create(vertx);
    Membership membership = new Membership(database, client, budgetConfig.eventsServiceUrl());
    BudgetStatus status = new BudgetStatus();
    new BudgetRoutes(database, membership, status).mount(router);
    new ExpenseRoutes(database, membership, status, new InvoiceFiles(client, budgetConfig.filesServiceUrl())).mount(router);
    return deployConsumer(new EventMembershipReadModel(config.kafka(), database, "budget-service"))
        .compose(id -> deployConsumer(new WizardBudgetConsumer(config.kafka(), database, status)));
  }
}
