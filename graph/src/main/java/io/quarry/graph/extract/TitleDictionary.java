package io.quarry.graph.extract;

import io.quarry.graph.model.EntityKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The titles of the documents the graph holds, by key, so that a passage naming another
 * document's title links to it even where the phrase grammar would not have cut the title out
 * (in Wikipedia-like corpora that link is most of the multi-hop signal).
 *
 * <p>Thread-safe.
 */
public final class TitleDictionary {

  /** Titles longer than this many tokens are only linked when the grammar finds them whole. */
  static final int MAX_TOKENS = 8;

  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  public void add(String title) {
    String key = EntityKeys.of(title);
    if (!key.isEmpty()) {
      keys.add(key);
    }
  }

  public void remove(String title) {
    keys.remove(EntityKeys.of(title));
  }

  public boolean contains(String key) {
    return keys.contains(key);
  }

  public int size() {
    return keys.size();
  }

  /**
   * The spans of {@code tokens} that are a known title, longest first at each position, never
   * overlapping, skipping one-word titles that are lower-case in the text (a common word that
   * happens to be a title, such as "water").
   *
   * @return each as {start, end} token offsets (end exclusive)
   */
  public List<int[]> find(List<String> tokens) {
    List<int[]> out = new ArrayList<>();
    if (keys.isEmpty()) {
      return out;
    }
    String[] parts = EntityKeys.parts(tokens);
    int i = 0;
    while (i < parts.length) {
      int[] found = {-1};
      if (!parts[i].isEmpty() && Character.isUpperCase(tokens.get(i).charAt(0))) {
        EntityKeys.spans(parts, i, MAX_TOKENS, (end, key) -> {
          if (keys.contains(key)) {
            found[0] = end; // the longest wins: spans come shortest first
          }
        });
      }
      if (found[0] > 0) {
        out.add(new int[] {i, found[0]});
        i = found[0];
      } else {
        i++;
      }
    }
    return out;
  }
}
