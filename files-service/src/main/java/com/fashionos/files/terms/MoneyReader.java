package com.fashionos.files.terms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sums of money in a sentence. A number counts only when a currency stands right before or after it, so dates, phone
 * numbers and section numbers ("Section 4.2", "+33 1 44 50 70 00") are never amounts.
 *
 * <p>Understood: signs ($ is read as US dollars; US$, C$, A$, HK$, S$, €, £), the ISO codes below, and after the
 * number "euros", "US dollars", "pounds sterling", "Swiss francs"; digit grouping by commas (US: 150,000.00), by dots
 * (European: 150.000,00), or by spaces or apostrophes (150 000,00; 1'250.50); "thousand", "million", "billion", k, m,
 * bn after the number. A single separator followed by exactly three digits is read as grouping ("12.500" is twelve
 * thousand five hundred), otherwise as the decimal mark ("12,50"). Not understood: amounts in words, more than two
 * decimals, a bare "dollars", ¥ (yen or yuan), and negative signs (a sum is read without its sign).
 */
final class MoneyReader {
  record Money(BigDecimal amount, String currency, int start, int end) {}

  private static final Map<String, String> SIGNS = Map.of("US$", "USD", "HK$", "HKD", "CA$", "CAD", "AU$", "AUD",
      "C$", "CAD", "A$", "AUD", "S$", "SGD", "$", "USD", "€", "EUR", "£", "GBP");
  private static final List<String> CODES = List.of("USD", "EUR", "GBP", "CHF", "JPY", "CNY", "HKD", "SGD", "AUD",
      "CAD", "NZD", "AED", "SAR", "QAR", "KRW", "INR", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "TRY", "BRL", "MXN",
      "ZAR");
  /** Currencies written out after the number. */
  private static final Map<String, String> WORDS = Map.of("(?i:euros?)", "EUR", "(?i:US dollars?)", "USD",
      "(?i:pounds sterling)", "GBP", "(?i:Swiss francs?)", "CHF");
  /** Digit groupings (tried in the order of NUMBER), each with the characters it groups digits by. */
  private static final Map<String, String> GROUPINGS = Map.of(
      "us", ",", "eu", ".", "spaced", " \u00a0\u202f'", "plain", "");
  private static final String NUMBER = "(?:(?<us>\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?)"
      + "|(?<eu>\\d{1,3}(?:\\.\\d{3})+(?:,\\d{1,2})?)"
      + "|(?<spaced>\\d{1,3}(?:[ \u00a0\u202f']\\d{3})+(?:[.,]\\d{1,2})?)"
      + "|(?<plain>\\d+(?:[.,]\\d{1,2})?))(?![.,]?\\d| ?%)"
      + "(?:[ \u00a0]?(?<scale>(?i:thousand|million|billion|bn|mn|k|m))(?![A-Za-z]))?";
  /** Powers of ten the words after a number stand for. */
  private static final Map<String, Integer> SCALES = Map.of("thousand", 3, "k", 3, "million", 6, "mn", 6, "m", 6,
      "billion", 9, "bn", 9);
  /** Longest first, so "US$" is not read as "$". */
  private static final String SIGN = "(?<![A-Za-z])(?:" + SIGNS.keySet().stream()
      .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
      .map(Pattern::quote).collect(Collectors.joining("|")) + ")";
  private static final String CODE = "(?<![A-Za-z])(?:" + String.join("|", CODES) + ")(?![A-Za-z])";
  private static final Pattern CURRENCY_FIRST = Pattern.compile("(?<currency>" + SIGN + "|" + CODE + ")[ \u00a0]?"
      + NUMBER);
  private static final Pattern NUMBER_FIRST = Pattern.compile("(?<![\\d.,'])" + NUMBER + "[ \u00a0]?(?<currency>"
      + SIGN + "|" + CODE + "|" + WORDS.keySet().stream().sorted().collect(Collectors.joining("|"))
      + ")(?![A-Za-z])");

  private MoneyReader() {}

  /** The sums in a sentence, in order. */
  static List<Money> find(String sentence) {
    List<Money> found = new ArrayList<>();
    Matcher before = CURRENCY_FIRST.matcher(sentence);
    while (before.find()) found.add(money(before));
    // "On 1 June 2027 USD 50,000 is due": the code already belongs to the number after it, not to 2027.
    Matcher after = NUMBER_FIRST.matcher(sentence);
    while (after.find()) {
      Money money = money(after);
      if (found.stream().noneMatch(m -> m.start() < money.end() && money.start() < m.end())) found.add(money);
    }
    found.sort(Comparator.comparingInt(Money::start));
    return found;
  }

  private static Money money(Matcher match) {
    String grouping = GROUPINGS.keySet().stream().filter(g -> match.group(g) != null).findFirst().orElseThrow();
    String separators = GROUPINGS.get(grouping);
    StringBuilder digits = new StringBuilder();
    for (char c : match.group(grouping).toCharArray()) {
      if (separators.indexOf(c) < 0) digits.append(c == ',' ? '.' : c); // what is left of a comma is the decimal mark
    }
    BigDecimal amount = new BigDecimal(digits.toString());
    String scale = match.group("scale");
    if (scale != null) amount = amount.scaleByPowerOfTen(SCALES.get(scale.toLowerCase(Locale.ROOT)));
    return new Money(amount.setScale(2), currency(match.group("currency")), match.start(), match.end());
  }

  private static String currency(String written) {
    if (SIGNS.containsKey(written)) return SIGNS.get(written);
    if (CODES.contains(written)) return written;
    return WORDS.entrySet().stream().filter(w -> written.matches(w.getKey())).findFirst().orElseThrow().getValue();
  }
}
