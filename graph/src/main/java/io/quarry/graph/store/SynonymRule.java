package io.quarry.graph.store;

import java.util.HashSet;
import java.util.Set;

/**
 * When two entity keys name the same thing closely enough for a synonym edge: both have at least
 * two tokens or eight characters (short names collide by chance), and the Jaccard similarity of
 * their character trigrams is at least {@link #THRESHOLD}, or one is the other with a first name
 * or initial in front ("stanley hall" and "g stanley hall"). HippoRAG 2 links phrases whose
 * embeddings are at least 0.8 similar; trigrams are the embedding-free analogue of that rule.
 */
public final class SynonymRule {

  public static final double THRESHOLD = 0.8;

  private SynonymRule() {}

  /** Whether {@code a} and {@code b} (entity keys, distinct) are near-identical names. */
  public static boolean similar(String a, String b) {
    if (a.equals(b) || !substantial(a) || !substantial(b)) {
      return false;
    }
    String longer = a.length() >= b.length() ? a : b;
    String shorter = longer == a ? b : a;
    if (shorter.indexOf(' ') > 0 && longer.endsWith(" " + shorter)
        && longer.length() - shorter.length() <= 3) {
      return true;
    }
    // the trigram sets differ in size by about the names' lengths: a Jaccard of 0.8 needs the
    // shorter within 0.8 of the longer, checked before any set is built (most pairs end here)
    if (shorter.length() + 2 < THRESHOLD * (longer.length() + 2)) {
      return false;
    }
    return jaccard(trigrams(a), trigrams(b)) >= THRESHOLD;
  }

  private static boolean substantial(String key) {
    return key.indexOf(' ') > 0 || key.length() >= 8;
  }

  static Set<String> trigrams(String key) {
    String s = " " + key + " ";
    Set<String> out = new HashSet<>();
    for (int i = 0; i + 3 <= s.length(); i++) {
      out.add(s.substring(i, i + 3));
    }
    return out;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    int both = 0;
    for (String t : a) {
      if (b.contains(t)) {
        both++;
      }
    }
    return both / (double) (a.size() + b.size() - both);
  }

  /** The tokens a store indexes an entity under, to find synonym candidates without a scan. */
  public static Set<String> tokens(String key) {
    Set<String> out = new HashSet<>();
    for (String t : key.split(" ")) {
      if (t.length() >= 3) {
        out.add(t);
      }
    }
    return out;
  }
}
