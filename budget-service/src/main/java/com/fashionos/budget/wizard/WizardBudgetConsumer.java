package com.fashionos.budget.wizard;

import com.fashionos.budget.category.BudgetStatus;
import com.fashionos.budget.category.CategoryRepository;
import com.fashionos.platform.change.BudgetCategory;
import com.fashionos.platform.change.ChangeRecord;
import com.fashionos.platform.change.EventCreated;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.KafkaConfig;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.kafka.ChangeRecordConsumer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wizard's budget allocations become the event's budget categories when the event-created
 * record arrives: once, however often it is delivered (the record id per consumer, and the
 * category per event being unique). The event's currency is that of its budget lines (events-service
 * accepts only one), USD without any.
 */
public final class WizardBudgetConsumer extends ChangeRecordConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(WizardBudgetConsumer.class);
  private final CategoryRepository categories = new CategoryRepository();
  private final BudgetStatus status;

  public WizardBudgetConsumer(KafkaConfig kafka, Database database, BudgetStatus status) {
    super(kafka, "budget-service.event-created", List.of(Topics.EVENTS), database);
    this.status = status;
  }

  @Override
  protected Future<Void> apply(Transaction tx, ChangeRecord record) {
    if (!EventCreated.TYPE.equals(record.type())) return Future.succeededFuture();
    EventCreated created = EventCreated.fromJson(record.data());
    UUID eventId = UUID.fromString(created.event().getString("id"));
    Map<BudgetCategory, BigDecimal> lines = new EnumMap<>(BudgetCategory.class);
    String currency = "USD";
    for (Object item : created.budgetCategories()) {
      JsonObject line = (JsonObject) item;
      BudgetCategory category = RequestBody.parseEnum(BudgetCategory.class, line.getString("category"));
      BigDecimal amount = RequestBody.exactDecimal(line.getValue("budgeted_amount"));
      // A category this version does not know, or an amount the budget cannot hold (events-service
      // refuses both; a 60,000-digit one is not even converted): skipped, so one bad line cannot
      // stall the topic behind it.
      if (category == null || amount == null || amount.signum() < 0 || amount.compareTo(RequestBody.MAX_MONEY) > 0 || amount.stripTrailingZeros().scale() > 2) {
        LOG.warn("Skipping the wizard's budget line {} of event {}", line.encode(), eventId);
        continue;
      }
      lines.put(category, amount);
      currency = line.getString("currency", currency);
    }
    String eventCurrency = currency;
    return categories.createFromWizard(tx.sql(), eventId, eventCurrency, lines)
        .compose(made -> publishMade(tx, eventId, made))
        .compose(v -> status.update(tx, eventId))
        .mapEmpty();
  }

  private Future<Void> publishMade(Transaction tx, UUID eventId, List<UUID> made) {
    Future<Void> chain = Future.succeededFuture();
    for (UUID id : made) {
      chain = chain.compose(v -> categories.view(tx.sql(), id))
          .compose(row -> BudgetStatus.publishDerivedCategory(tx, eventId, row, null));
    }
    return chain;
  }
}
