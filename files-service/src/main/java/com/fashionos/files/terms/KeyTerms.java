package com.fashionos.files.terms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The key terms of a contract, each with the page it was found on: what is stored in {@code key_terms}. Whoever
 * made them (the rules, or a model checked by {@link KeyTermsValidator}), the shape is the same.
 */
public record KeyTerms(String extractor, List<Party> parties, List<Amount> amounts, Dates dates,
    Map<ClauseKind, List<Clause>> clauses) {
  /** The version of the stored shape, so later readers can tell old rows apart. */
  public static final int VERSION = 1;
  /** The longest text kept for a clause, a name or a context. */
  public static final int MAX_TEXT = 300;
  /** The most entries a list holds: a long contract repeats itself, and the row should stay small. */
  public static final int MAX_ENTRIES = 50;

  public record Party(String name, String role, int page) {}

  public record Amount(BigDecimal amount, String currency, String context, int page) {}

  public record Dated(LocalDate date, int page) {}

  public record Dates(Dated signature, Dated start, Dated end, List<Dated> paymentDue) {
    public Dates {
      paymentDue = List.copyOf(paymentDue);
    }
  }

  public record Clause(String text, int page) {}

  /** The kinds of clause quoted, under their keys in the stored shape. */
  public enum ClauseKind {
    PAYMENT_TERMS("payment_terms"), CANCELLATION("cancellation"), TERMINATION("termination"),
    EXCLUSIVITY("exclusivity");

    public final String key;

    ClauseKind(String key) {
      this.key = key;
    }
  }

  public KeyTerms {
    parties = List.copyOf(parties);
    amounts = List.copyOf(amounts);
    EnumMap<ClauseKind, List<Clause>> all = new EnumMap<>(ClauseKind.class);
    for (ClauseKind kind : ClauseKind.values()) all.put(kind, List.copyOf(clauses.getOrDefault(kind, List.of())));
    clauses = Map.copyOf(all);
  }

  public List<Clause> clauses(ClauseKind kind) {
    return clauses.get(kind);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("version", VERSION).put("extractor", extractor)
        .put("parties", array(parties, p -> {
          JsonObject party = new JsonObject().put("name", p.name());
          if (p.role() != null) party.put("role", p.role());
          return party.put("page", p.page());
        }))
        .put("amounts", array(amounts, a -> new JsonObject().put("amount", a.amount().setScale(2).toPlainString())
            .put("currency", a.currency()).put("context", a.context()).put("page", a.page())))
        .put("dates", new JsonObject().put("signature", dated(dates.signature())).put("start", dated(dates.start()))
            .put("end", dated(dates.end())).put("payment_due", array(dates.paymentDue(), KeyTerms::dated)));
    for (ClauseKind kind : ClauseKind.values()) {
      json.put(kind.key, array(clauses(kind), c -> new JsonObject().put("text", c.text()).put("page", c.page())));
    }
    return json;
  }

  private static JsonObject dated(Dated dated) {
    return dated == null ? null : new JsonObject().put("date", dated.date().toString()).put("page", dated.page());
  }

  private static <T> JsonArray array(List<T> items, Function<T, JsonObject> toJson) {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(toJson.apply(item)));
    return array;
  }
}
