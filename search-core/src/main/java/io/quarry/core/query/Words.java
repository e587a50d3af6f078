package io.quarry.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Word-level helpers for query rewriting: tokens with their casing, stop and question words. */
final class Words {

  /** Function words that carry no topic, including question words and auxiliaries. */
  static final Set<String> STOP = Set.of(
      "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could", "did",
      "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
      "into", "is", "it", "its", "many", "much", "no", "not", "of", "on", "or", "she", "such", "that",
      "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "was", "we",
      "were", "what", "when", "where", "which", "who", "whom", "whose", "why", "will", "with",
      "would", "you", "your", "both", "either", "than", "also", "one", "two");

  /** Lower-case words that may sit inside a name ("Bank of England", "Leonardo da Vinci"). */
  static final Set<String> NAME_JOINERS = Set.of("of", "the", "de", "da", "del", "von", "van", "la", "le", "du", "y", "al", "el", "bin");

  private Words() {}

  /** Whitespace-separated tokens with surrounding punctuation stripped (inner kept: "f(x)", "Saxby-Junna"). */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String raw : text.split("\\s+")) {
      String t = strip(raw);
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  static String strip(String raw) {
    int s = 0;
    int e = raw.length();
    while (s < e && !Character.isLetterOrDigit(raw.codePointAt(s))) {
      s++;
    }
    while (e > s && !Character.isLetterOrDigit(raw.codePointAt(e - 1))
        && !(raw.charAt(e - 1) == ')' && raw.lastIndexOf('(', e - 1) >= s)) {
      e--; // a closing parenthesis stays only when it closes one inside the token: "f(x)"
    }
    String t = raw.substring(s, e);
    if (t.endsWith("'s") || t.endsWith("’s")) {
      t = t.substring(0, t.length() - 2);
    }
    return t;
  }

  static boolean isStop(String token) {
    return STOP.contains(token.toLowerCase(Locale.ROOT));
  }

  static boolean isCapitalized(String token) {
    return !token.isEmpty() && (Character.isUpperCase(token.codePointAt(0)) || Character.isDigit(token.codePointAt(0)));
  }
}
