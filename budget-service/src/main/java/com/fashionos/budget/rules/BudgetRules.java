package com.fashionos.budget.rules;

import com.fashionos.budget.rules.BudgetAlert.Kind;
import com.fashionos.budget.rules.BudgetAlert.Severity;
import com.fashionos.platform.change.BudgetCategory;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The budget's alerts and reallocation suggestions, worked out from the numbers alone, the same
 * way every time. A model may explain an alert in words; it never supplies a number.
 */
public final class BudgetRules {
  /** A category at or above this share used is close to its limit. */
  static final BigDecimal NEAR_LIMIT_PERCENT = BigDecimal.valueOf(90);

  private BudgetRules() {}

  /**
   * Red for every category over budget and for the whole event over budget, amber for a category
   * at 90% or more of its budget, red for every unpaid expense past its due date; in that order,
   * categories in their enum order.
   */
  public static List<BudgetAlert> alerts(List<CategorySpend> categories, List<UnpaidExpense> unpaid, Instant now) {
    List<BudgetAlert> alerts = new ArrayList<>();
    for (CategorySpend spend : sorted(categories)) {
      String name = label(spend.category());
      if (spend.isOverBudget()) {
        BigDecimal over = spend.variancePercentage();
        alerts.add(new BudgetAlert(Kind.CATEGORY_OVER_BUDGET, Severity.RED, spend.category(), null, spend.variance(), over,
            over == null
                ? name + " has " + money(spend.actual()) + " of expenses and no budget"
                : name + " " + over.toPlainString() + "% over budget (" + money(spend.variance()) + " over "
                    + money(spend.budgeted()) + ")"));
      } else if (nearLimit(spend)) {
        alerts.add(new BudgetAlert(Kind.CATEGORY_NEAR_LIMIT, Severity.AMBER, spend.category(), null, spend.headroom(),
            spend.usedPercentage(), name + " at " + spend.usedPercentage().toPlainString() + "% of its budget ("
                + money(spend.headroom()) + " left)"));
      }
    }
    BigDecimal budgeted = categories.stream().map(CategorySpend::budgeted).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal actual = categories.stream().map(CategorySpend::actual).reduce(BigDecimal.ZERO, BigDecimal::add);
    if (actual.compareTo(budgeted) > 0) {
      BigDecimal over = CategorySpend.percentOf(actual.subtract(budgeted), budgeted);
      alerts.add(new BudgetAlert(Kind.EVENT_OVER_BUDGET, Severity.RED, null, null, actual.subtract(budgeted), over,
          "The event is " + (over == null ? "" : over.toPlainString() + "% ") + "over its total budget ("
              + money(actual.subtract(budgeted)) + " over " + money(budgeted) + ")"));
    }
    unpaid.stream()
        .filter(expense -> expense.dueDate() != null && expense.dueDate().isBefore(now))
        .sorted(Comparator.comparing(UnpaidExpense::dueDate).thenComparing(UnpaidExpense::id))
        .forEach(expense -> alerts.add(new BudgetAlert(Kind.EXPENSE_OVERDUE, Severity.RED, null, expense.id(),
            expense.amount(), null, "\"" + expense.name() + "\" (" + money(expense.amount()) + ") is unpaid past its due date")));
    return alerts;
  }

  /**
   * For each category over budget, largest overrun first: where the money could come from. The
   * under-spent categories with the most headroom give first; the buffer only covers what nothing
   * else can. Headroom promised to one overrun is not offered to the next. An overrun that cannot
   * be covered in full gets what there is.
   */
  public static List<Reallocation> suggestions(List<CategorySpend> categories) {
    Map<BudgetCategory, CategorySpend> byCategory = new EnumMap<>(BudgetCategory.class);
    Map<BudgetCategory, BigDecimal> headroom = new EnumMap<>(BudgetCategory.class);
    for (CategorySpend spend : categories) {
      byCategory.put(spend.category(), spend);
      headroom.put(spend.category(), spend.headroom());
    }
    List<CategorySpend> overruns = sorted(categories).stream().filter(CategorySpend::isOverBudget)
        .sorted(Comparator.comparing(CategorySpend::variance).reversed()).toList();
    List<Reallocation> suggestions = new ArrayList<>();
    for (CategorySpend overrun : overruns) {
      BigDecimal needed = overrun.variance();
      for (BudgetCategory donor : donors(headroom, overrun.category())) {
        if (needed.signum() == 0) break;
        BigDecimal amount = headroom.get(donor).min(needed);
        headroom.put(donor, headroom.get(donor).subtract(amount));
        needed = needed.subtract(amount);
        BigDecimal spare = CategorySpend.percentOf(byCategory.get(donor).headroom(), byCategory.get(donor).budgeted());
        suggestions.add(new Reallocation(donor, overrun.category(), amount,
            label(donor) + " is " + (spare == null ? "" : spare.toPlainString() + "% ") + "under budget: move "
                + money(amount) + " to cover " + label(overrun.category()).toLowerCase(Locale.ROOT)));
      }
    }
    return suggestions;
  }

  /** Categories with headroom, most first (ties in enum order), the buffer last whatever it holds. */
  private static List<BudgetCategory> donors(Map<BudgetCategory, BigDecimal> headroom, BudgetCategory receiver) {
    return headroom.entrySet().stream()
        .filter(e -> e.getKey() != receiver && e.getValue().signum() > 0)
        .sorted(Comparator.<Map.Entry<BudgetCategory, BigDecimal>, Boolean>comparing(e -> e.getKey() == BudgetCategory.BUFFER)
            .thenComparing(Map.Entry::getValue, Comparator.reverseOrder())
            .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** At 90% or more of a budget, compared exactly: 899.99 of 1,000 is not, though it rounds to 90.0%. */
  private static boolean nearLimit(CategorySpend spend) {
    return spend.budgeted().signum() > 0 && spend.actual().multiply(BigDecimal.valueOf(100))
        .compareTo(spend.budgeted().multiply(NEAR_LIMIT_PERCENT)) >= 0;
  }

  private static List<CategorySpend> sorted(List<CategorySpend> categories) {
    return categories.stream().sorted(Comparator.comparing(CategorySpend::category)).toList();
  }

  /** "Production" for PRODUCTION. */
  static String label(BudgetCategory category) {
    String name = category.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** 45000 as "45,000.00": amounts are in the event's one currency, named beside the numbers in the API. */
  static String money(BigDecimal amount) {
    DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return format.format(amount);
  }
}
