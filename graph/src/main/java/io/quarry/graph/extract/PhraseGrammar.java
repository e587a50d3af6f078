package io.quarry.graph.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Noun and proper-noun phrases from universal POS tags, the way FastGraphRAG's syntactic
 * noun-phrase extractor cuts them, without a chunker (none for English is on Maven Central):
 *
 * <ul>
 *   <li><b>proper</b>: a run of capitalised words with at least one {@code PROPN} (a tagger often
 *       calls "Mathematical" in "Journal of Mathematical Physics" an adjective), numbers inside
 *       ("Apollo 11"), and lower-case joiners between capitalised words ("University of
 *       Copenhagen", "Society for the Exploration of ...");
 *   <li><b>noun</b>: adjectives and nouns ending in a noun, at least two words ("peer-reviewed
 *       journal"): a single common noun is in too many passages to say anything.
 * </ul>
 *
 * Phrases longer than {@link #MAX_WORDS} words, and those with no letter, are dropped.
 */
final class PhraseGrammar {

  static final int MAX_WORDS = 8;

  private static final Set<String> JOINERS = Set.of("of", "the", "de", "for", "and", "&", "on", "in", "von", "van", "der", "la", "du");

  /** One phrase: tokens {@code [start, end)} of the sentence, and whether it is proper. */
  record Phrase(int start, int end, boolean proper) {}

  private PhraseGrammar() {}

  static List<Phrase> phrases(String[] tokens, String[] tags) {
    List<Phrase> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.length) {
      if (capitalised(tokens[i], tags[i])) {
        int end = i + 1;
        boolean propn = tags[i].equals("PROPN");
        while (end < tokens.length) {
          if (capitalised(tokens[end], tags[end]) || (tags[end].equals("NUM") && end > i)) {
            propn |= tags[end].equals("PROPN");
            end++;
          } else if (JOINERS.contains(tokens[end].toLowerCase(Locale.ROOT)) && joinsTo(tokens, tags, end + 1)) {
            end++;
          } else {
            break;
          }
        }
        if (propn && end - i <= MAX_WORDS) {
          out.add(new Phrase(i, end, true));
          i = end;
          continue;
        }
        if (!propn) {
          // a capitalised common word (sentence start): let the noun rule look at it
          int n = nounPhraseEnd(tags, i);
          if (n - i >= 2) {
            out.add(new Phrase(i, n, false));
            i = n;
            continue;
          }
        }
        i = Math.max(i + 1, propn ? end : i + 1);
        continue;
      }
      int n = nounPhraseEnd(tags, i);
      if (n - i >= 2 && n - i <= MAX_WORDS) {
        out.add(new Phrase(i, n, false));
        i = n;
      } else {
        i++;
      }
    }
    out.removeIf(p -> !hasLetter(tokens, p));
    return out;
  }

  /** The end of the longest ADJ/NOUN run from {@code i} that ends in a NOUN, or {@code i}. */
  private static int nounPhraseEnd(String[] tags, int i) {
    int lastNoun = i;
    for (int j = i; j < tags.length && (tags[j].equals("ADJ") || tags[j].equals("NOUN")); j++) {
      if (tags[j].equals("NOUN")) {
        lastNoun = j + 1;
      }
    }
    return lastNoun;
  }

  /** A joiner joins when capitalised words follow it, possibly after one more joiner ("of the"). */
  private static boolean joinsTo(String[] tokens, String[] tags, int j) {
    if (j < tokens.length && JOINERS.contains(tokens[j].toLowerCase(Locale.ROOT))) {
      j++;
    }
    return j < tokens.length && capitalised(tokens[j], tags[j]);
  }

  private static boolean capitalised(String token, String tag) {
    if (token.isEmpty() || !Character.isUpperCase(token.charAt(0))) {
      return false;
    }
    return switch (tag) {
      case "PROPN", "NOUN", "ADJ", "X", "NUM" -> true;
      default -> false;
    };
  }

  private static boolean hasLetter(String[] tokens, Phrase p) {
    for (int i = p.start(); i < p.end(); i++) {
      for (int c = 0; c < tokens[i].length(); c++) {
        if (Character.isLetter(tokens[i].charAt(c))) {
          return true;
        }
      }
    }
    return false;
  }
}
