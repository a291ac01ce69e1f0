package com.fashionos.files.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fashionos.files.terms.KeyTerms.Amount;
import com.fashionos.files.terms.KeyTerms.Clause;
import com.fashionos.files.terms.KeyTerms.ClauseKind;
import com.fashionos.files.terms.KeyTerms.Dated;
import com.fashionos.files.terms.KeyTerms.Party;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyTermsExtractorTest {
  private static KeyTerms extract(String... pages) {
    return KeyTermsExtractor.extract(List.of(pages));
  }

  private static List<String> amounts(KeyTerms terms) {
    return terms.amounts().stream().map(a -> a.amount().toPlainString() + " " + a.currency()).toList();
  }

  private static Dated dated(String date, int page) {
    return new Dated(LocalDate.parse(date), page);
  }

  @Test
  void findsEveryTermPlantedInTheSampleContractWithItsPage() throws Exception {
    KeyTerms terms = KeyTermsExtractor.extract(PdfText.pages(SampleContract.pdf()));

    assertThat(terms.extractor()).isEqualTo("rules");
    assertThat(terms.parties()).containsExactly(new Party("Chanel S.A.", "Sponsor", 1),
        new Party("FashionOS Events, Inc.", "Organizer", 1));
    assertThat(terms.amounts()).extracting(Amount::amount, Amount::currency, Amount::page).containsExactly(
        tuple(new BigDecimal("150000.00"), "USD", 1),
        tuple(new BigDecimal("12500.00"), "EUR", 2));
    assertThat(terms.amounts().get(0).context()).contains("sponsorship fee of $150,000.00");
    assertThat(terms.dates().signature()).isEqualTo(dated("2027-03-01", 1));
    assertThat(terms.dates().start()).isEqualTo(dated("2027-09-10", 1));
    assertThat(terms.dates().end()).isEqualTo(dated("2027-09-15", 1));
    assertThat(terms.dates().paymentDue()).containsExactly(dated("2027-06-01", 2));
    assertThat(terms.clauses(ClauseKind.PAYMENT_TERMS)).singleElement().satisfies(clause -> {
      assertThat(clause.page()).isEqualTo(2);
      assertThat(clause.text()).contains("two installments", "within 30 days of receipt (net 30)")
          .doesNotContain("travel");
    });
    assertThat(terms.clauses(ClauseKind.EXCLUSIVITY)).extracting(Clause::page).containsExactly(2);
    assertThat(terms.clauses(ClauseKind.EXCLUSIVITY).get(0).text()).startsWith("During the Term, Organizer grants");
    assertThat(terms.clauses(ClauseKind.CANCELLATION)).extracting(Clause::text, Clause::page).containsExactly(
        tuple("If the Event is cancelled by Organizer for any reason other than force"
            + " majeure, Organizer shall refund the Fee in full within 15 days.", 2));
    assertThat(terms.clauses(ClauseKind.TERMINATION)).extracting(Clause::page).containsExactly(2);
    assertThat(terms.clauses(ClauseKind.TERMINATION).get(0).text()).startsWith("Either party may terminate");
    assertThat(KeyTermsExtractor.extract(PdfText.pages(SampleContract.pdf()))).isEqualTo(terms);
  }

  @Test
  void theStoredShapeHasEveryKey() throws Exception {
    JsonObject json = KeyTermsExtractor.extract(PdfText.pages(SampleContract.pdf())).toJson();

    assertThat(json.fieldNames()).containsExactlyInAnyOrder("version", "extractor", "parties", "amounts", "dates",
        "payment_terms", "cancellation", "termination", "exclusivity");
    assertThat(json.getJsonArray("amounts").getJsonObject(0).getString("amount")).isEqualTo("150000.00");
    assertThat(json.getJsonObject("dates").getJsonObject("signature"))
        .isEqualTo(new JsonObject().put("date", "2027-03-01").put("page", 1));
  }

  @Test
  void aContractWithoutTermsGivesEmptyResults() throws Exception {
    byte[] pdf = SampleContract.pdf(List.of(List.of("# Run of Show", "Meeting notes",
        "The team walked the venue and agreed on the lighting plan for the runway, with 24 looks in 3 sections.",
        "Next steps: Marie books the fitting rooms; Jordan sends the seating chart.")));

    KeyTerms terms = KeyTermsExtractor.extract(PdfText.pages(pdf));

    assertThat(terms.toJson()).isEqualTo(new JsonObject("""
        {"version": 1, "extractor": "rules", "parties": [], "amounts": [],
         "dates": {"signature": null, "start": null, "end": null, "payment_due": []},
         "payment_terms": [], "cancellation": [], "termination": [], "exclusivity": []}"""));
    assertThat(KeyTermsExtractor.extract(List.of()).toJson()).isEqualTo(terms.toJson());
  }

  @Test
  void numbersWithoutACurrencyAreNotAmounts() {
    KeyTerms terms = extract("Signed on March 1, 2027 in Paris. Call +33 1 44 50 70 00 or (212) 555-0147.\n"
        + "See Section 4.2 and clause 12.5 of Agreement No. 2027-014; Room 101 holds 250 guests, 15% of them press.\n"
        + "Version 3.10, 1,200 chairs, 2.500 programs, on 12/09/2027 at 10.30.");

    assertThat(terms.amounts()).isEmpty();
  }

  @Test
  void aYearBeforeACurrencyCodeIsNotAnAmount() {
    assertThat(amounts(extract("On 1 June 2027 USD 50,000 becomes payable."))).containsExactly("50000.00 USD");
    assertThat(amounts(extract("A fee of USD 10% of the ticket revenue."))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a fee of $150,000.00 |150000.00 USD",
      "a fee of $150,000 |150000.00 USD",
      "USD 150,000 in total |150000.00 USD",
      "150,000 USD in total |150000.00 USD",
      "travel up to EUR 12.500,00 |12500.00 EUR",
      "travel up to 12.500,00 € |12500.00 EUR",
      "€1.234.567,89 in total |1234567.89 EUR",
      "USD 1,234,567.89 in total |1234567.89 USD",
      "1 250 000 EUR in total |1250000.00 EUR",
      "CHF 1'250.50 in total |1250.50 CHF",
      "EUR 12,50 a head |12.50 EUR",
      "$12.50 a head |12.50 USD",
      "£2,000 deposit |2000.00 GBP",
      "GBP 99.9 deposit |99.90 GBP",
      "USD 1.5 million budget |1500000.00 USD",
      "EUR 250k budget |250000.00 EUR",
      "150,000 euros in total |150000.00 EUR",
      "75 US dollars a day |75.00 USD",
      "US$ 75 a day |75.00 USD",
      "HK$ 900 a day |900.00 HKD"})
  void readsUsAndEuropeanNumbersAndCurrencies(String text, String amount) {
    assertThat(amounts(extract(text))).containsExactly(amount);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "This Agreement is signed on 2027-03-01.",
      "This Agreement is signed on March 1, 2027.",
      "This Agreement is signed on Mar. 1, 2027.",
      "This Agreement is signed on 1 March 2027.",
      "This Agreement is signed on the 1st of March 2027.",
      "This Agreement is signed on 03/01/2027.",
      "Dated: 1 March 2027",
      "March 1, 2027 (the Effective Date)"})
  void readsTheWaysADateIsWritten(String text) {
    assertThat(extract(text).dates().signature()).isEqualTo(dated("2027-03-01", 1));
  }

  @Test
  void aSlashedDateThatCannotBeAmericanIsReadDayFirst() {
    assertThat(extract("The Term ends on 15/09/2027.").dates().end()).isEqualTo(dated("2027-09-15", 1));
    assertThat(extract("The Term ends on 30/02/2027.").dates().end()).isNull();
  }

  @Test
  void tellsDatesApartByTheWordsNearThem() {
    KeyTerms terms = extract("Rehearsals start on 2027-09-08 and run until 2027-09-16.",
        "The deposit is payable by 2027-04-15; the balance is due on 2027-08-01. Payment 2027-04-15 again.",
        "The venue was first visited on 2027-01-15.");

    assertThat(terms.dates().start()).isEqualTo(dated("2027-09-08", 1));
    assertThat(terms.dates().end()).isEqualTo(dated("2027-09-16", 1));
    assertThat(terms.dates().signature()).isNull();
    assertThat(terms.dates().paymentDue()).containsExactly(dated("2027-04-15", 2), dated("2027-08-01", 2));
  }

  @Test
  void readsPartiesFromLabelledLines() {
    KeyTerms terms = extract("Party A: Maison Margiela SAS\nParty B: FashionOS Events\nSPONSOR: Lumière Beauty Ltd.\n"
        + "Organizer: ______________\nClient: Atelier Nord.");

    assertThat(terms.parties()).containsExactly(new Party("Maison Margiela SAS", null, 1),
        new Party("FashionOS Events", null, 1), new Party("Lumière Beauty Ltd.", "Sponsor", 1),
        new Party("Atelier Nord", "Client", 1));
  }

  @Test
  void readsAnOpeningWithHereinafterAndThreeParties() {
    KeyTerms terms = extract("This agreement is entered into between Atelier Nord GmbH, a company registered in Berlin"
        + " (hereinafter referred to as the \"Designer\"), Lumière Beauty (\"Sponsor\") and FashionOS Events"
        + " (\"Organizer\").");

    assertThat(terms.parties()).containsExactly(new Party("Atelier Nord GmbH", "Designer", 1),
        new Party("Lumière Beauty", "Sponsor", 1), new Party("FashionOS Events", "Organizer", 1));
  }

  @Test
  void aNoticePeriodIsNotAPaymentTerm() {
    KeyTerms terms = extract("Either party may object in writing within 30 days. Invoices are due net 45.");

    assertThat(terms.clauses(ClauseKind.PAYMENT_TERMS)).extracting(Clause::text)
        .containsExactly("Invoices are due net 45.");
  }

  @Test
  void aLongClauseIsQuotedAroundItsKeyWord() {
    String filler = "the Organizer shall provide the runway, the lights, the sound and the backstage ".repeat(3);
    KeyTerms terms = extract("During the Term " + filler + "and the Sponsor shall enjoy exclusive rights in its"
        + " category, " + filler + "as agreed.");

    Clause clause = terms.clauses(ClauseKind.EXCLUSIVITY).get(0);
    assertThat(clause.text()).hasSizeLessThanOrEqualTo(KeyTerms.MAX_TEXT).startsWith("…").endsWith("…")
        .contains("exclusive rights in its category");
  }

  @Test
  void readsTheFiveMegabyteContractInFull() throws Exception {
    byte[] pdf = SampleContract.pdf(5_000_000);
    assertThat(pdf.length).isBetween(5_000_000, 5_100_000);

    long started = System.nanoTime();
    List<String> pages = PdfText.pages(pdf);
    KeyTerms terms = KeyTermsExtractor.extract(pages);
    System.out.printf("Key terms of a %,d-byte, %d-page contract: %d ms%n", pdf.length, pages.size(),
        (System.nanoTime() - started) / 1_000_000);

    assertThat(pages).hasSize(4);
    assertThat(terms).isEqualTo(KeyTermsExtractor.extract(PdfText.pages(SampleContract.pdf())));
  }
}
