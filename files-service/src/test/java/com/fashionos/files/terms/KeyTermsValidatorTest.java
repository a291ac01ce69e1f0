package com.fashionos.files.terms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.files.terms.KeyTerms.ClauseKind;
import com.fashionos.files.terms.KeyTermsValidator.Validation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyTermsValidatorTest {
  private static final String LONG = "x".repeat(KeyTerms.MAX_TEXT + 1);

  /** Terms as a model might return them: all valid. */
  private static JsonObject modelTerms() {
    return new JsonObject("""
        {"parties": [{"name": "Chanel S.A.", "role": "Sponsor", "page": 1}],
         "amounts": [{"amount": "150000.00", "currency": "USD", "context": "a fee of $150,000.00", "page": 1}],
         "dates": {"signature": {"date": "2027-03-01", "page": 1}, "start": null, "end": null,
                   "payment_due": [{"date": "2027-06-01", "page": 2}]},
         "payment_terms": [{"text": "Net 30.", "page": 2}], "cancellation": [], "termination": [],
         "exclusivity": [{"text": "Sponsor is the exclusive beauty partner.", "page": 2}]}""");
  }

  @Test
  void acceptsTheExtractorsOwnOutput() throws Exception {
    KeyTerms extracted = KeyTermsExtractor.extract(PdfText.pages(SampleContract.pdf()));

    Validation validation = KeyTermsValidator.validate(new JsonObject(extracted.toJson().encode()), 3);

    assertThat(validation.problems()).isEmpty();
    assertThat(validation.valid()).isTrue();
    assertThat(validation.terms()).isEqualTo(extracted);
  }

  @Test
  void acceptsAModelsTermsAndCleansThem() {
    JsonObject json = modelTerms();
    json.getJsonArray("amounts").getJsonObject(0).put("amount", "150000");
    json.getJsonArray("exclusivity").getJsonObject(0).put("text", "  Sponsor is the\n exclusive  beauty partner. ");

    KeyTerms terms = KeyTermsValidator.validate(json).terms();

    assertThat(terms.extractor()).isEqualTo("model");
    assertThat(terms.amounts().get(0).amount()).isEqualTo(new BigDecimal("150000.00"));
    assertThat(terms.toJson().getJsonArray("amounts").getJsonObject(0).getString("amount")).isEqualTo("150000.00");
    assertThat(terms.clauses(ClauseKind.EXCLUSIVITY).get(0).text())
        .isEqualTo("Sponsor is the exclusive beauty partner.");
    assertThat(terms.dates().paymentDue()).hasSize(1);
  }

  @Test
  void missingListsAndDatesAreEmpty() {
    Validation validation = KeyTermsValidator.validate(new JsonObject().put("version", 1));

    assertThat(validation.valid()).isTrue();
    assertThat(validation.terms().toJson()).isEqualTo(KeyTermsExtractor.extract(List.of()).toJson()
        .put("extractor", "model"));
  }

  static Stream<Arguments> badFields() {
    return Stream.of(
        bad("version", j -> j.put("version", 2), "version: must be 1"),
        bad("extractor", j -> j.put("extractor", "Gemini 2.5!"), "extractor: must be a short lower-case name"),
        bad("list type", j -> j.put("parties", "Chanel"), "parties: must be a list"),
        bad("entry type", j -> j.getJsonArray("parties").add("Chanel"), "parties[1]: must be an object"),
        bad("no name", j -> party(j).remove("name"), "parties[0].name: is required"),
        bad("blank name", j -> party(j).put("name", "  "), "parties[0].name: must be a text"),
        bad("name type", j -> party(j).put("name", 7), "parties[0].name: must be a text"),
        bad("long role", j -> party(j).put("role", LONG), "parties[0].role: must be at most 300 characters"),
        bad("page zero", j -> party(j).put("page", 0), "parties[0].page: must be 1 or more"),
        bad("page text", j -> party(j).put("page", "1"), "parties[0].page: must be a whole number"),
        bad("page fraction", j -> party(j).put("page", 1.5), "parties[0].page: must be a whole number"),
        bad("negative", j -> amount(j).put("amount", "-5.00"), amountProblem()),
        bad("three places", j -> amount(j).put("amount", "150000.005"), amountProblem()),
        bad("grouped", j -> amount(j).put("amount", "150,000.00"), amountProblem()),
        bad("number", j -> amount(j).put("amount", 150000), amountProblem()),
        bad("lower-case code", j -> amount(j).put("currency", "usd"), currencyProblem()),
        bad("sign", j -> amount(j).put("currency", "$"), currencyProblem()),
        bad("no currency", j -> amount(j).remove("currency"), currencyProblem()),
        bad("long context", j -> amount(j).put("context", LONG), "amounts[0].context: must be at most 300 characters"),
        bad("no such day", j -> signature(j).put("date", "2027-02-30"), dateProblem()),
        bad("written date", j -> signature(j).put("date", "March 1, 2027"), dateProblem()),
        bad("no date", j -> signature(j).remove("date"), "dates.signature.date: is required"),
        bad("date as text", j -> j.getJsonObject("dates").put("start", "2027-09-10"), "dates.start: must be an object"),
        bad("dates type", j -> j.put("dates", List.of()), "dates: must be an object"),
        bad("due page", j -> j.getJsonObject("dates").getJsonArray("payment_due").getJsonObject(0).remove("page"),
            "dates.payment_due[0].page: must be a whole number"),
        bad("empty text", j -> j.getJsonArray("payment_terms").getJsonObject(0).put("text", ""),
            "payment_terms[0].text: must be a text"),
        bad("long text", j -> j.getJsonArray("exclusivity").getJsonObject(0).put("text", LONG),
            "exclusivity[0].text: must be at most 300 characters"),
        bad("too many", j -> j.put("termination", new JsonArray(new ArrayList<>(Collections.nCopies(
            KeyTerms.MAX_ENTRIES + 1, new JsonObject().put("text", "Ends.").put("page", 1))))),
            "termination: must have at most 50 entries"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFields")
  void rejectsABadField(String name, Consumer<JsonObject> spoil, String problem) {
    JsonObject json = modelTerms();
    spoil.accept(json);

    Validation validation = KeyTermsValidator.validate(json);

    assertThat(validation.problems()).containsExactly(problem);
    assertThat(validation.valid()).isFalse();
    assertThat(validation.terms()).isNull();
  }

  @Test
  void rejectsPagesTheDocumentDoesNotHave() {
    JsonObject json = modelTerms();
    json.getJsonArray("exclusivity").getJsonObject(0).put("page", 4);

    assertThat(KeyTermsValidator.validate(json, 3).problems()).containsExactly("exclusivity[0].page: must be 1 to 3");
    assertThat(KeyTermsValidator.validate(json).valid()).isTrue();
  }

  @Test
  void listsEveryProblemAtOnce() {
    JsonObject json = modelTerms();
    amount(json).put("currency", "euro").put("amount", "1.000,00");
    party(json).put("page", -1);

    assertThat(KeyTermsValidator.validate(json).problems()).containsExactly("parties[0].page: must be 1 or more",
        amountProblem(), currencyProblem());
  }

  private static Arguments bad(String name, Consumer<JsonObject> spoil, String problem) {
    return Arguments.of(name, spoil, problem);
  }

  private static JsonObject party(JsonObject json) {
    return json.getJsonArray("parties").getJsonObject(0);
  }

  private static JsonObject amount(JsonObject json) {
    return json.getJsonArray("amounts").getJsonObject(0);
  }

  private static JsonObject signature(JsonObject json) {
    return json.getJsonObject("dates").getJsonObject("signature");
  }

  private static String amountProblem() {
    return "amounts[0].amount: must be a non-negative decimal with at most 2 places, as a string";
  }

  private static String dateProblem() {
    return "dates.signature.date: must be a date as YYYY-MM-DD";
  }

  private static String currencyProblem() {
    return "amounts[0].currency: must be a three-letter ISO 4217 code";
  }
}
