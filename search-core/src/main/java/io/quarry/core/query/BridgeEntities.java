package io.quarry.core.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Second-hop queries for multi-hop questions. A question like "What country was the author of
 * Brand a citizen of?" finds the page of the play first; the page it needs next (its author's) is
 * named only inside that first page. This takes the entities that the first-hop passages mention
 * and the question does not, and asks the question's remaining keywords about each:
 * "country author citizen Henrik Ibsen".
 *
 * <p>Entities are ranked by how many first-hop passages mention them, then by first appearance.
 * Pure and thread-safe.
 */
public final class BridgeEntities {

  private BridgeEntities() {}

  /**
   * @param question the user's question
   * @param passages texts of the best first-hop hits, best first
   * @param max how many second-hop queries at most
   * @return second-hop variants named {@code hop1}, {@code hop2}, ...
   */
  public static List<QueryVariant> queries(String question, List<String> passages, int max) {
    List<String> qTokens = Words.tokens(question);
    Set<String> questionWords = new HashSet<>();
    qTokens.forEach(t -> questionWords.add(t.toLowerCase(Locale.ROOT)));
    Set<String> entityWords = new HashSet<>();
    Entities.find(qTokens).forEach(e -> Words.tokens(e).forEach(w -> entityWords.add(w.toLowerCase(Locale.ROOT))));
    String rest = QueryVariants.keywords(qTokens, entityWords);
    if (rest == null) {
      rest = QueryVariants.keywords(qTokens, Set.of());
    }
    Map<String, int[]> seen = new LinkedHashMap<>(); // entity -> {passages mentioning, first position}
    int position = 0;
    for (String passage : passages) {
      Set<String> inThis = new HashSet<>();
      for (String e : Entities.find(Words.tokens(passage))) {
        position++;
        if (isNew(e, questionWords) && inThis.add(e)) {
          int[] stat = seen.computeIfAbsent(e, k -> new int[] {0, 0});
          if (stat[0] == 0) {
            stat[1] = position;
          }
          stat[0]++;
        }
      }
    }
    List<Map.Entry<String, int[]>> ranked = new ArrayList<>(seen.entrySet());
    ranked.sort((a, b) -> a.getValue()[0] != b.getValue()[0]
        ? Integer.compare(b.getValue()[0], a.getValue()[0])
        : Integer.compare(a.getValue()[1], b.getValue()[1]));
    List<QueryVariant> out = new ArrayList<>();
    for (Map.Entry<String, int[]> e : ranked) {
      if (out.size() >= max) {
        break;
      }
      String text = rest == null ? e.getKey() : rest + " " + e.getKey();
      out.add(new QueryVariant("hop" + (out.size() + 1), text));
    }
    return out;
  }

  /** An entity the question does not already name (at least one word of it is new). */
  private static boolean isNew(String entity, Set<String> questionWords) {
    for (String w : Words.tokens(entity)) {
      String lw = w.toLowerCase(Locale.ROOT);
      if (!questionWords.contains(lw) && !Words.NAME_JOINERS.contains(lw)) {
        return true;
      }
    }
    return false;
  }
}
