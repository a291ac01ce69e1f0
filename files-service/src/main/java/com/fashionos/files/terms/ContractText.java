package com.fashionos.files.terms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text of a contract cut into sentences, each with its page, because every term is read within the sentence that
 * states it. Lines of running text are joined first (PDF text breaks lines wherever the layout did).
 */
final class ContractText {
  /** A sentence; {@code index} counts the contract's sentences, so neighbours can be told apart. */
  record Sentence(int page, int index, String text) {}

  /**
   * A heading line ("7. Termination", "PAYMENT TERMS"): a few capitalized words, perhaps numbered, no end punctuation.
   * Headings are dropped so a clause is quoted without its title, and a title alone is never quoted as a clause.
   */
  private static final Pattern HEADING = Pattern.compile(
      "(?:(?:\\d{1,2}(?:\\.\\d{1,2})*\\.?|[A-Z]\\.|(?:Article|Section|Clause)\\s+\\d{1,2}\\.?)\\s+)?"
          + "[A-Z][\\w'&/-]*(?:\\s+(?:[A-Z][\\w'&/-]*|and|or|of|the|to|for|in|on|&|-|–|—)){0,6}");
  /** A "Label: value" line ("Sponsor: Chanel S.A.", "Date signed: ..."): a sentence of its own, not running text. */
  private static final Pattern LABEL = Pattern.compile("[A-Z][\\w.'/-]*(?:\\s+[\\w.'/-]+){0,2}:\\s+\\S.*");
  /**
   * Where a sentence ends: after . ! or ? and before a capital, a quote, a bracket or a clause number ("4.2 ");
   * not after a clause number ("7."), an initial ("S.A.", "J.") or a common abbreviation.
   */
  private static final Pattern SENTENCE_END = Pattern.compile(
      "(?<=[.!?])(?<!(?:^|\\s)\\d{1,3}\\.)(?<!\\b[A-Za-z]\\.)"
          + "(?<!\\b(?:Mr|Mrs|Ms|Dr|No|Nos|Inc|Ltd|Co|Corp|St|Art|Sec|vs)\\.)"
          + "\\s+(?=[A-Z\"“(]|\\d{1,2}\\.\\d{0,2}\\s)");

  private ContractText() {}

  static List<Sentence> sentences(List<String> pages) {
    List<Sentence> sentences = new ArrayList<>();
    for (int page = 1; page <= pages.size(); page++) {
      List<String> texts = new ArrayList<>();
      StringBuilder block = new StringBuilder();
      for (String raw : pages.get(page - 1).split("\\R")) {
        String line = raw.strip();
        boolean heading = HEADING.matcher(line).matches();
        boolean label = LABEL.matcher(line).matches();
        if (line.isEmpty() || heading || label) flush(block, texts);
        if (label) texts.add(line);
        else if (!line.isEmpty() && !heading) block.append(block.isEmpty() ? "" : " ").append(line);
      }
      flush(block, texts);
      for (String text : texts) sentences.add(new Sentence(page, sentences.size(), text));
    }
    return sentences;
  }

  private static void flush(StringBuilder block, List<String> texts) {
    for (String sentence : SENTENCE_END.split(block)) {
      if (!sentence.isBlank()) texts.add(sentence.replaceAll("\\s+", " ").strip());
    }
    block.setLength(0);
  }

  /**
   * At most {@code max} characters of {@code text} around its part [from, to), cut at spaces and marked with "…" where
   * cut, so a long sentence is still quoted at the words that matter.
   */
  static String snippet(String text, int from, int to, int max) {
    if (text.length() <= max) return text;
    int room = max - 2; // the two marks
    int start = Math.max(0, Math.min(from - (room - (to - from)) / 2, text.length() - room));
    int end = Math.min(text.length(), start + room);
    int space = text.indexOf(' ', start);
    if (start > 0 && space >= 0 && space < from) start = space + 1;
    space = text.lastIndexOf(' ', end);
    if (end < text.length() && space > to) end = space;
    return (start > 0 ? "…" : "") + text.substring(start, end).strip() + (end < text.length() ? "…" : "");
  }
}
