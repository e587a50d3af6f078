package io.quarry.graph.model;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * The key an entity is stored and linked under: names that differ only in case, accents,
 * punctuation, spacing or a leading article share one key ("The Beatles", "beatles", "Beatles'"),
 * so a passage that names another document's title in its own words still links to it.
 */
public final class EntityKeys {

  private static final Set<String> LEADING = Set.of("the", "a", "an");
  /** "Love's" and the tokenizer's "Love 's" are both "love". */
  private static final java.util.regex.Pattern POSSESSIVE = java.util.regex.Pattern.compile("\\s*['\u2019]s\\b");

  private EntityKeys() {}

  private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");

  /** {@code text} without its accents ("Zürich" to "Zurich"), case kept. */
  public static String fold(String text) {
    return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
  }

  /** Each token's key, in order ({@link #of} of each; empty for punctuation). */
  public static String[] parts(java.util.List<String> tokens) {
    String[] parts = new String[tokens.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = of(tokens.get(i));
    }
    return parts;
  }

  /** What {@link #spans} reports for each span. */
  @FunctionalInterface
  public interface SpanVisitor {
    /** The span of tokens {@code [start, end)} reads {@code key} (its tokens' keys joined by spaces). */
    void span(int end, String key);
  }

  /**
   * Every span that starts at {@code start} with a key, up to {@code max} tokens, shortest first:
   * tokens with an empty key (punctuation) are skipped inside a span; none starts on one.
   *
   * @param parts the tokens' keys, from {@link #parts}
   */
  public static void spans(String[] parts, int start, int max, SpanVisitor visit) {
    if (parts[start].isEmpty()) {
      return;
    }
    StringBuilder key = new StringBuilder();
    for (int j = start; j < Math.min(parts.length, start + max); j++) {
      if (parts[j].isEmpty()) {
        continue;
      }
      if (key.length() > 0) {
        key.append(' ');
      }
      key.append(parts[j]);
      visit.span(j + 1, key.toString());
    }
  }

  /** The key of {@code name}; empty when nothing is left (punctuation only). */
  public static String of(String name) {
    String s = fold(name);
    s = POSSESSIVE.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
    StringBuilder out = new StringBuilder(s.length());
    boolean space = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(c);
        space = false;
      } else if (c == '.' || c == '\'') {
        // "U.S." and "U.S" and "US" meet; "O'Neill" keeps its letters together
      } else if (!space) {
        out.append(' ');
        space = true;
      }
    }
    String key = out.toString().strip();
    int sp = key.indexOf(' ');
    if (sp > 0 && LEADING.contains(key.substring(0, sp))) {
      key = key.substring(sp + 1);
    }
    return key;
  }
}
