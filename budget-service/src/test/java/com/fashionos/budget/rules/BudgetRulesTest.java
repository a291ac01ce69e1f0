package com.fashionos.budget.rules;

import static com.fashionos.platform.change.BudgetCategory.BUFFER;
import static com.fashionos.platform.change.BudgetCategory.CATERING;
import static com.fashionos.platform.change.BudgetCategory.MARKETING;
import static com.fashionos.platform.change.BudgetCategory.PRODUCTION;
import static com.fashionos.platform.change.BudgetCategory.TALENT;
import static com.fashionos.platform.change.BudgetCategory.VENUE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.budget.rules.BudgetAlert.Kind;
import com.fashionos.budget.rules.BudgetAlert.Severity;
import com.fashionos.platform.change.BudgetCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BudgetRulesTest {
  private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");

  private static CategorySpend spend(BudgetCategory category, String budgeted, String actual) {
    return new CategorySpend(category, new BigDecimal(budgeted), new BigDecimal(actual));
  }

  @Nested
  class UseCaseThree {
    // Spec section 10: venue 45,000 of 45,000; production 20,000 then +60,000 of 75,000; marketing 20% under.
    private final CategorySpend venue = spend(VENUE, "45000.00", "45000.00");
    private final CategorySpend production = spend(PRODUCTION, "75000.00", "80000.00");
    private final CategorySpend marketing = spend(MARKETING, "25000.00", "20000.00");

    @Test
    void variancesAreExactToTheCent() {
      assertThat(venue.usedPercentage()).isEqualByComparingTo("100.0");
      assertThat(spend(PRODUCTION, "75000.00", "20000.00").usedPercentage()).isEqualByComparingTo("26.7");
      assertThat(production.variance()).isEqualByComparingTo("5000.00");
      assertThat(production.variancePercentage()).isEqualByComparingTo("6.7");
      assertThat(marketing.variancePercentage()).isEqualByComparingTo("-20.0");
      assertThat(marketing.headroom()).isEqualByComparingTo("5000.00");
    }

    @Test
    void productionIsRedVenueIsAmberAndTheEventIsNotOver() {
      List<BudgetAlert> alerts = BudgetRules.alerts(List.of(marketing, production, venue), List.of(), NOW);
      assertThat(alerts).extracting(BudgetAlert::kind, BudgetAlert::severity, BudgetAlert::category).containsExactly(
          Tuple.tuple(Kind.CATEGORY_NEAR_LIMIT, Severity.AMBER, VENUE),
          Tuple.tuple(Kind.CATEGORY_OVER_BUDGET, Severity.RED, PRODUCTION));
      BudgetAlert red = alerts.get(1);
      assertThat(red.message()).isEqualTo("Production 6.7% over budget (5,000.00 over 75,000.00)");
      assertThat(red.amount()).isEqualByComparingTo("5000");
      assertThat(red.percentage()).isEqualByComparingTo("6.7");
    }

    @Test
    void theSuggestionIsFiveThousandFromMarketing() {
      assertThat(BudgetRules.suggestions(List.of(venue, production, marketing))).containsExactly(
          new Reallocation(MARKETING, PRODUCTION, new BigDecimal("5000.00"),
              "Marketing is 20.0% under budget: move 5,000.00 to cover production"));
    }

    @Test
    void afterTheReallocationNothingIsRedAndNothingIsSuggested() {
      List<CategorySpend> balanced = List.of(venue, spend(PRODUCTION, "80000.00", "80000.00"), spend(MARKETING, "20000.00", "20000.00"));
      assertThat(BudgetRules.alerts(balanced, List.of(), NOW)).allSatisfy(a -> assertThat(a.severity()).isEqualTo(Severity.AMBER));
      assertThat(BudgetRules.suggestions(balanced)).isEmpty();
    }
  }

  @Test
  void theLargestHeadroomGivesFirstAndTheBufferOnlyWhatNothingElseCovers() {
    List<CategorySpend> categories = List.of(
        spend(PRODUCTION, "10000", "17000"),
        spend(TALENT, "5000", "2000"), // 3,000 spare
        spend(CATERING, "8000", "4000"), // 4,000 spare
        spend(BUFFER, "10000", "0"));
    assertThat(BudgetRules.suggestions(categories)).extracting(Reallocation::from, Reallocation::amount)
        .containsExactly(
            Tuple.tuple(CATERING, new BigDecimal("4000")),
            Tuple.tuple(TALENT, new BigDecimal("3000")));
    List<CategorySpend> short1 = List.of(spend(PRODUCTION, "10000", "20000"), spend(TALENT, "5000", "2000"),
        spend(BUFFER, "10000", "0"));
    assertThat(BudgetRules.suggestions(short1)).extracting(Reallocation::from, Reallocation::amount)
        .containsExactly(
            Tuple.tuple(TALENT, new BigDecimal("3000")),
            Tuple.tuple(BUFFER, new BigDecimal("7000")));
  }

  @Test
  void headroomPromisedToTheBiggerOverrunIsNotOfferedTwice() {
    List<CategorySpend> categories = List.of(
        spend(VENUE, "1000", "1500"), // 500 over
        spend(PRODUCTION, "1000", "3000"), // 2,000 over: served first
        spend(MARKETING, "3000", "1000")); // 2,000 spare
    assertThat(BudgetRules.suggestions(categories)).extracting(Reallocation::from, Reallocation::to, Reallocation::amount)
        .containsExactly(Tuple.tuple(MARKETING, PRODUCTION, new BigDecimal("2000")));
  }

  @Test
  void theWholeEventOverBudgetIsRed() {
    List<BudgetAlert> alerts = BudgetRules.alerts(List.of(spend(VENUE, "1000", "1500"), spend(MARKETING, "1000", "900")),
        List.of(), NOW);
    BudgetAlert event = alerts.stream().filter(a -> a.kind() == Kind.EVENT_OVER_BUDGET).findFirst().orElseThrow();
    assertThat(event.amount()).isEqualByComparingTo("400");
    assertThat(event.percentage()).isEqualByComparingTo("20.0");
    assertThat(event.message()).isEqualTo("The event is 20.0% over its total budget (400.00 over 2,000.00)");
  }

  @Test
  void aCategoryWithExpensesAndNoBudgetIsOverWithoutAPercentage() {
    BudgetAlert alert = BudgetRules.alerts(List.of(spend(TALENT, "0", "250.50")), List.of(), NOW).get(0);
    assertThat(alert.kind()).isEqualTo(Kind.CATEGORY_OVER_BUDGET);
    assertThat(alert.percentage()).isNull();
    assertThat(alert.message()).isEqualTo("Talent has 250.50 of expenses and no budget");
  }

  @Test
  void nearTheLimitStartsAtNinetyPercent() {
    assertThat(BudgetRules.alerts(List.of(spend(VENUE, "1000", "899.99")), List.of(), NOW)).isEmpty();
    assertThat(BudgetRules.alerts(List.of(spend(VENUE, "1000", "900")), List.of(), NOW))
        .extracting(BudgetAlert::kind).containsExactly(Kind.CATEGORY_NEAR_LIMIT);
  }

  @Test
  void onlyUnpaidExpensesPastTheirDueDateAreOverdueOldestFirst() {
    UUID late = UUID.randomUUID();
    UUID later = UUID.randomUUID();
    List<UnpaidExpense> unpaid = List.of(
        new UnpaidExpense(later, "Catering deposit", new BigDecimal("1200"), NOW.minusSeconds(60)),
        new UnpaidExpense(UUID.randomUUID(), "Not yet due", new BigDecimal("10"), NOW.plusSeconds(60)),
        new UnpaidExpense(UUID.randomUUID(), "No due date", new BigDecimal("10"), null),
        new UnpaidExpense(late, "Lighting Package", new BigDecimal("20000"), NOW.minusSeconds(86_400)));
    List<BudgetAlert> alerts = BudgetRules.alerts(List.of(), unpaid, NOW);
    assertThat(alerts).extracting(BudgetAlert::expenseId).containsExactly(late, later);
    assertThat(alerts.get(0).message()).isEqualTo("\"Lighting Package\" (20,000.00) is unpaid past its due date");
  }
}
