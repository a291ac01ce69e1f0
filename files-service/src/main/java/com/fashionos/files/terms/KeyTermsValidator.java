package com.fashionos.files.terms;

import com.fashionos.files.terms.KeyTerms.Amount;
import com.fashionos.files.terms.KeyTerms.Clause;
import com.fashionos.files.terms.KeyTerms.ClauseKind;
import com.fashionos.files.terms.KeyTerms.Dated;
import com.fashionos.files.terms.KeyTerms.Dates;
import com.fashionos.files.terms.KeyTerms.Party;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Checks key terms given as JSON in the stored shape (as a model returns them) before they are kept: the same rules
 * whoever made them. A missing list counts as empty and a missing date as null; fields outside the shape are dropped.
 */
public final class KeyTermsValidator {
  /** The checked terms (texts stripped, amounts with two decimals), or, when anything is wrong, what is. */
  public record Validation(KeyTerms terms, List<String> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private final int pageCount;
  private final List<String> problems = new ArrayList<>();

  private KeyTermsValidator(int pageCount) {
    this.pageCount = pageCount;
  }

  /** The checked terms in {@code json}, or every problem found, each as "where: what is wrong". */
  public static Validation validate(JsonObject json) {
    return validate(json, Integer.MAX_VALUE);
  }

  /** As {@link #validate(JsonObject)}, and no page may be beyond the document's {@code pageCount}. */
  public static Validation validate(JsonObject json, int pageCount) {
    KeyTermsValidator validator = new KeyTermsValidator(pageCount);
    KeyTerms terms = validator.terms(json);
    return validator.problems.isEmpty() ? new Validation(terms, List.of()) : new Validation(null, List.copyOf(validator.problems));
  }

  private KeyTerms terms(JsonObject json) {
    Object version = json.getValue("version");
    if (version != null && !version.equals(KeyTerms.VERSION)) problem("version", "must be " + KeyTerms.VERSION, null);
    Object extractor = json.getValue("extractor") == null ? "model" : json.getValue("extractor");
    if (!(extractor instanceof String name && name.matches("[a-z][a-z0-9+_-]{0,39}"))) {
      problem("extractor", "must be a short lower-case name", null);
    }
    List<Party> parties = list(json, "parties", "parties",
        (o, at) -> new Party(text(o, at, "name", true), text(o, at, "role", false), page(o, at)));
    List<Amount> amounts = list(json, "amounts", "amounts",
        (o, at) -> new Amount(amount(o, at), currency(o, at), text(o, at, "context", false), page(o, at)));
    Object value = json.getValue("dates");
    if (value != null && !(value instanceof JsonObject)) problem("dates", "must be an object", null);
    JsonObject dates = value instanceof JsonObject object ? object : new JsonObject();
    Dates checkedDates = new Dates(dated(dates, "signature"), dated(dates, "start"), dated(dates, "end"),
        list(dates, "dates.payment_due", "payment_due", (o, at) -> new Dated(date(o, at), page(o, at))));
    Map<ClauseKind, List<Clause>> clauses = new EnumMap<>(ClauseKind.class);
    for (ClauseKind kind : ClauseKind.values()) {
      clauses.put(kind, list(json, kind.key, kind.key, (o, at) -> new Clause(text(o, at, "text", true), page(o, at))));
    }
    return problems.isEmpty() ? new KeyTerms((String) extractor, parties, amounts, checkedDates, clauses) : null;
  }

  private <T> List<T> list(JsonObject json, String at, String key, BiFunction<JsonObject, String, T> read) {
    Object value = json.getValue(key);
    if (value == null) return List.of();
    if (!(value instanceof JsonArray array)) return problem(at, "must be a list", List.of());
    if (array.size() > KeyTerms.MAX_ENTRIES) {
      return problem(at, "must have at most " + KeyTerms.MAX_ENTRIES + " entries", List.of());
    }
    List<T> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof JsonObject item) items.add(read.apply(item, at + "[" + i + "]"));
      else problem(at + "[" + i + "]", "must be an object", null);
    }
    return items;
  }

  private Dated dated(JsonObject dates, String key) {
    Object value = dates.getValue(key);
    if (value == null) return null;
    if (!(value instanceof JsonObject dated)) return problem("dates." + key, "must be an object", null);
    return new Dated(date(dated, "dates." + key), page(dated, "dates." + key));
  }

  private String text(JsonObject json, String at, String key, boolean required) {
    Object value = json.getValue(key);
    if (value == null) return required ? problem(at + "." + key, "is required", null) : null;
    if (!(value instanceof String written) || written.isBlank()) return problem(at + "." + key, "must be a text", null);
    String text = written.replaceAll("\\s+", " ").strip();
    return text.length() <= KeyTerms.MAX_TEXT ? text
        : problem(at + "." + key, "must be at most " + KeyTerms.MAX_TEXT + " characters", null);
  }

  private int page(JsonObject json, String at) {
    Object value = json.getValue("page");
    if (!(value instanceof Integer || value instanceof Long)) return problem(at + ".page", "must be a whole number", 0);
    long page = ((Number) value).longValue();
    if (page >= 1 && page <= pageCount) return (int) page;
    return problem(at + ".page", pageCount == Integer.MAX_VALUE ? "must be 1 or more" : "must be 1 to " + pageCount, 0);
  }

  private LocalDate date(JsonObject json, String at) {
    try {
      return json.getValue("date") instanceof String date ? LocalDate.parse(date)
          : problem(at + ".date", "is required", null);
    } catch (DateTimeException e) {
      return problem(at + ".date", "must be a date as YYYY-MM-DD", null);
    }
  }

  private BigDecimal amount(JsonObject json, String at) {
    Object value = json.getValue("amount");
    // A string, as JSON numbers may lose cents on the way.
    if (!(value instanceof String amount && amount.matches("\\d{1,15}(\\.\\d{1,2})?"))) {
      return problem(at + ".amount", "must be a non-negative decimal with at most 2 places, as a string", null);
    }
    return new BigDecimal(amount).setScale(2);
  }

  private String currency(JsonObject json, String at) {
    Object value = json.getValue("currency");
    return value instanceof String code && code.matches("[A-Z]{3}") ? code
        : problem(at + ".currency", "must be a three-letter ISO 4217 code", null);
  }

  /** Notes a problem at a place in the JSON, and goes on with {@code instead} to find the others too. */
  private <T> T problem(String at, String what, T instead) {
    problems.add(at + ": " + what);
    return instead;
  }
}
