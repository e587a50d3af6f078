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

  /** The key of {@code name}; empty when nothing is left (punctuation only). */
  public static String of(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
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
