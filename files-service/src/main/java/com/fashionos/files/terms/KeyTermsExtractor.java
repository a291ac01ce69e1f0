package com.fashionos.files.terms;

import static java.util.regex.Pattern.CASE_INSENSITIVE;

import com.fashionos.files.terms.ContractText.Sentence;
import com.fashionos.files.terms.KeyTerms.Amount;
import com.fashionos.files.terms.KeyTerms.Clause;
import com.fashionos.files.terms.KeyTerms.ClauseKind;
import com.fashionos.files.terms.KeyTerms.Dated;
import com.fashionos.files.terms.KeyTerms.Dates;
import com.fashionos.files.terms.KeyTerms.Party;
import com.fashionos.files.terms.MoneyReader.Money;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Key terms read from a contract's text by rules: parties, amounts, dates, and the clauses on payment, cancellation,
 * termination and exclusivity, each with its page. Deterministic, and it never guesses: what no rule finds stays an
 * empty list or null.
 */
public final class KeyTermsExtractor {
  /** The longest context quoted around an amount. */
  private static final int CONTEXT = 120;
  /** Words of paying, which make a date a payment date and "within 30 days" a payment term. */
  private static final String PAYING = "pa(?:y|ys|id|yable|yment|yments)|invoic(?:e|es|ed)";

  // --- Parties

  /** A contract's opening, "by and between X ("Sponsor") and Y (the "Organizer")", read party by party from here. */
  private static final Pattern OPENING = Pattern.compile("\\bbetween\\s+", CASE_INSENSITIVE);
  private static final Pattern OPENING_PARTY = Pattern.compile("\\G(?:and\\s+)?(?<name>[^()\"“”]{2,200}?)"
      + "\\s*\\(\\s*(?:hereinafter\\s+(?:referred\\s+to\\s+as\\s+|called\\s+)?)?(?:the\\s+)?"
      + "[\"“”](?<role>[^\"“”()]{2,40})[\"“”]\\s*\\)[\\s,;]*", CASE_INSENSITIVE);
  /** A line naming a party, "Sponsor: Chanel S.A."; the numbered labels ("Party A") say nothing of the role. */
  private static final Pattern PARTY_LINE = Pattern.compile("(?<label>Sponsor|Organi[sz]er|Client|Customer|Brand"
      + "|Designer|Agency|Venue|Vendor|Supplier|Licensor|Licensee|Producer|Talent|(?<numbered>Party\\s+[A-D1-4]"
      + "|First\\s+Party|Second\\s+Party))\\s*:\\s*(?<name>.+)", CASE_INSENSITIVE);
  /** Words that end in a dot but are part of a company's name. */
  private static final Set<String> NAME_ABBREVIATIONS = Set.of("Inc.", "Ltd.", "Co.", "Corp.", "Bros.");

  // --- Dates

  private static final String MONTH = Arrays.stream(Month.values())
      .map(m -> m.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).collect(Collectors.joining("|"))
      + "|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
  private static final String DAY = "(?<day>\\d{1,2})(?:st|nd|rd|th)?";

  /** A way of writing a date, and how to read it. */
  private record DateForm(Pattern pattern, Function<Matcher, LocalDate> read) {
    DateForm(String regex, Function<Matcher, LocalDate> read) {
      this(Pattern.compile("\\b" + regex + "\\b", CASE_INSENSITIVE), read);
    }
  }

  private static final List<DateForm> DATE_FORMS = List.of(
      new DateForm("(?<year>\\d{4})-(?<month>\\d{2})-(?<day>\\d{2})", m -> date(m, number(m, "month"))),
      new DateForm("(?<month>" + MONTH + ")\\.?\\s+" + DAY + ",?\\s+(?<year>\\d{4})", m -> date(m, month(m))),
      new DateForm(DAY + "\\s+(?:of\\s+)?(?<month>" + MONTH + ")\\.?,?\\s+(?<year>\\d{4})", m -> date(m, month(m))),
      // Read the American way, month first (03/01/2027 is March 1); only when that cannot be a month, day first.
      new DateForm("(?<first>\\d{1,2})/(?<second>\\d{1,2})/(?<year>\\d{4})", m -> number(m, "first") > 12
          ? LocalDate.of(number(m, "year"), number(m, "second"), number(m, "first"))
          : LocalDate.of(number(m, "year"), number(m, "first"), number(m, "second"))));

  /** What a date is, told by the nearest of these words before it (or, failing that, after it) in its sentence. */
  private enum DateRole {
    SIGNATURE("sign(?:s|ed|ing|ature)?|executed|effective|dated|entered\\s+into"),
    START("commenc(?:e|es|ed|ing|ement)|start(?:s|ed|ing)?|begin(?:s|ning)?|began"),
    END("terminat(?:e|es|ed|ing|ion)|expir(?:e|es|ed|ing|y|ation)|end(?:s|ed|ing)?|until|through"),
    PAYMENT_DUE(PAYING + "|due");

    final Pattern words;

    DateRole(String words) {
      this.words = Pattern.compile("\\b(?:" + words + ")\\b", CASE_INSENSITIVE);
    }
  }

  // --- Clauses

  /** A sentence is quoted as a clause of {@code kind} when it has {@code words} (and {@code alsoNeeded}, if any). */
  private record ClauseRule(ClauseKind kind, Pattern words, Pattern alsoNeeded) {
    ClauseRule(ClauseKind kind, String words, String alsoNeeded) {
      this(kind, Pattern.compile("\\b(?:" + words + ")\\b", CASE_INSENSITIVE),
          alsoNeeded == null ? null : Pattern.compile("\\b(?:" + alsoNeeded + ")\\b", CASE_INSENSITIVE));
    }
  }

  private static final List<ClauseRule> CLAUSE_RULES = List.of(
      new ClauseRule(ClauseKind.PAYMENT_TERMS, "net\\s?\\d{1,3}|instal(?:l)?ments?|payment\\s+(?:terms|schedule)",
          null),
      // "within 30 days" alone may be a notice period; it is a payment term only in a sentence about paying.
      new ClauseRule(ClauseKind.PAYMENT_TERMS, "within\\s+(?:\\w+\\s+)?\\(?\\d{1,3}\\)?\\s+(?:\\w+\\s+)?days", PAYING),
      new ClauseRule(ClauseKind.CANCELLATION, "cancel(?:s|led|ed|ling|ing|lation)?", null),
      new ClauseRule(ClauseKind.TERMINATION, "terminat(?:e|es|ed|ing|ion)", null),
      new ClauseRule(ClauseKind.EXCLUSIVITY, "exclusiv(?:e|ely|ity)", null));

  private KeyTermsExtractor() {}

  /** The key terms in the text of a contract's pages, the first page first. */
  public static KeyTerms extract(List<String> pages) {
    List<Sentence> sentences = ContractText.sentences(pages);
    return new KeyTerms("rules", parties(pages), amounts(sentences), dates(sentences), clauses(sentences));
  }

  // --- Parties

  private static List<Party> parties(List<String> pages) {
    Map<String, Party> byName = new LinkedHashMap<>();
    for (int page = 1; page <= pages.size(); page++) {
      String text = pages.get(page - 1).replaceAll("\\s+", " "); // an opening runs over lines and sentences
      Matcher opening = OPENING.matcher(text);
      while (opening.find()) {
        Matcher party = OPENING_PARTY.matcher(text).region(opening.end(), text.length());
        while (party.find()) add(byName, party.group("name"), party.group("role").strip(), page);
      }
      for (String line : pages.get(page - 1).split("\\R")) {
        Matcher party = PARTY_LINE.matcher(line.strip());
        if (!party.matches()) continue;
        String label = party.group("label");
        add(byName, party.group("name"), party.group("numbered") != null ? null
            : label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1).toLowerCase(Locale.ROOT), page);
      }
    }
    return byName.values().stream().limit(KeyTerms.MAX_ENTRIES).toList();
  }

  /** Adds a party once, by name; a later mention may only supply the role an earlier one lacked. */
  private static void add(Map<String, Party> byName, String written, String role, int page) {
    String name = partyName(written);
    if (name == null) return;
    String key = name.toLowerCase(Locale.ROOT);
    Party known = byName.get(key);
    if (known == null) byName.put(key, new Party(name, role, page));
    else if (known.role() == null && role != null) byName.put(key, new Party(known.name(), role, known.page()));
  }

  /** The name alone: "Chanel S.A., a société anonyme with offices at …" is "Chanel S.A."; null if it is no name. */
  private static String partyName(String written) {
    String name = written.split(",\\s+(?=\\p{Ll})", 2)[0].replaceFirst("(?i)^the\\s+", "")
        .replaceAll("[\\s,;:]+$", "").strip();
    String last = name.substring(name.lastIndexOf(' ') + 1);
    if (last.endsWith(".") && last.indexOf('.') == last.length() - 1 && !NAME_ABBREVIATIONS.contains(last)) {
      name = name.substring(0, name.length() - 1);
    }
    boolean blank = !name.matches(".*\\p{L}.*") || name.contains("__");
    return blank || name.length() > KeyTerms.MAX_TEXT ? null : name;
  }

  // --- Amounts

  private static List<Amount> amounts(List<Sentence> sentences) {
    List<Amount> amounts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Sentence sentence : sentences) {
      for (Money money : MoneyReader.find(sentence.text())) {
        boolean added = seen.add(money.amount() + " " + money.currency() + " @" + sentence.page());
        if (added && amounts.size() < KeyTerms.MAX_ENTRIES) {
          String context = ContractText.snippet(sentence.text(), money.start(), money.end(), CONTEXT);
          amounts.add(new Amount(money.amount(), money.currency(), context, sentence.page()));
        }
      }
    }
    return amounts;
  }

  // --- Dates

  private record Found(LocalDate date, int start, int end) {}

  private static Dates dates(List<Sentence> sentences) {
    Map<DateRole, List<Dated>> byRole = new EnumMap<>(DateRole.class);
    for (Sentence sentence : sentences) {
      List<Found> found = datesIn(sentence.text());
      for (int i = 0; i < found.size(); i++) {
        Found date = found.get(i);
        int before = i == 0 ? 0 : found.get(i - 1).end();
        int after = i + 1 == found.size() ? sentence.text().length() : found.get(i + 1).start();
        DateRole role = nearest(sentence.text().substring(before, date.start()), true);
        if (role == null) role = nearest(sentence.text().substring(date.end(), after), false);
        if (role == null) continue; // a date nothing says the role of is not a key term
        List<Dated> dates = byRole.computeIfAbsent(role, r -> new ArrayList<>());
        if (dates.size() < KeyTerms.MAX_ENTRIES && dates.stream().noneMatch(d -> d.date().equals(date.date()))) {
          dates.add(new Dated(date.date(), sentence.page()));
        }
      }
    }
    // One signature, start and end: the first the contract states.
    Function<DateRole, Dated> first = role -> byRole.getOrDefault(role, List.of()).stream().findFirst().orElse(null);
    return new Dates(first.apply(DateRole.SIGNATURE), first.apply(DateRole.START), first.apply(DateRole.END),
        byRole.getOrDefault(DateRole.PAYMENT_DUE, List.of()));
  }

  private static List<Found> datesIn(String text) {
    List<Found> found = new ArrayList<>();
    for (DateForm form : DATE_FORMS) {
      Matcher match = form.pattern().matcher(text);
      while (match.find()) {
        LocalDate date = readable(form, match);
        boolean overlaps = found.stream().anyMatch(f -> f.start() < match.end() && match.start() < f.end());
        if (date != null && !overlaps) found.add(new Found(date, match.start(), match.end()));
      }
    }
    found.sort(Comparator.comparingInt(Found::start));
    return found;
  }

  /** The date written, or null when it is no date (February 30) or too far from now to be a contract's. */
  private static LocalDate readable(DateForm form, Matcher match) {
    try {
      LocalDate date = form.read().apply(match);
      return date.getYear() >= 1900 && date.getYear() < 2200 ? date : null;
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The role whose word stands nearest the date: the last in the text before it, or the first in the text after. */
  private static DateRole nearest(String text, boolean before) {
    DateRole nearest = null;
    int distance = Integer.MAX_VALUE;
    for (DateRole role : DateRole.values()) {
      Matcher words = role.words.matcher(text);
      while (words.find()) {
        int away = before ? text.length() - words.end() : words.start();
        if (away < distance) {
          distance = away;
          nearest = role;
        }
        if (!before) break;
      }
    }
    return nearest;
  }

  private static int number(Matcher match, String group) {
    return Integer.parseInt(match.group(group));
  }

  private static int month(Matcher match) {
    String written = match.group("month").substring(0, 3).toLowerCase(Locale.ROOT);
    return Arrays.stream(Month.values()).filter(m -> m.name().toLowerCase(Locale.ROOT).startsWith(written))
        .findFirst().orElseThrow().getValue();
  }

  private static LocalDate date(Matcher match, int month) {
    return LocalDate.of(number(match, "year"), month, number(match, "day"));
  }

  // --- Clauses

  private static Map<ClauseKind, List<Clause>> clauses(List<Sentence> sentences) {
    Map<ClauseKind, List<Clause>> clauses = new EnumMap<>(ClauseKind.class);
    Map<ClauseKind, Sentence> lastQuoted = new EnumMap<>(ClauseKind.class);
    for (Sentence sentence : sentences) {
      Set<ClauseKind> quotedHere = EnumSet.noneOf(ClauseKind.class);
      for (ClauseRule rule : CLAUSE_RULES) {
        Matcher words = rule.words().matcher(sentence.text());
        if (quotedHere.contains(rule.kind()) || !words.find()
            || (rule.alsoNeeded() != null && !rule.alsoNeeded().matcher(sentence.text()).find())) {
          continue;
        }
        quotedHere.add(rule.kind());
        List<Clause> quoted = clauses.computeIfAbsent(rule.kind(), k -> new ArrayList<>());
        Sentence previous = lastQuoted.get(rule.kind());
        String joined = previous == null ? "" : quoted.get(quoted.size() - 1).text() + " " + sentence.text();
        // A clause that runs over several sentences is quoted as one, while it fits.
        if (previous != null && previous.index() + 1 == sentence.index() && previous.page() == sentence.page()
            && joined.length() <= KeyTerms.MAX_TEXT) {
          quoted.set(quoted.size() - 1, new Clause(joined, sentence.page()));
        } else if (quoted.size() < KeyTerms.MAX_ENTRIES) {
          quoted.add(new Clause(ContractText.snippet(sentence.text(), words.start(), words.end(), KeyTerms.MAX_TEXT),
              sentence.page()));
        } else {
          continue;
        }
        lastQuoted.put(rule.kind(), sentence);
      }
    }
    return clauses;
  }
}
