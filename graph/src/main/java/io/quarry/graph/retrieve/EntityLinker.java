package io.quarry.graph.retrieve;

import io.quarry.graph.model.EntityKeys;
import io.quarry.graph.model.LinkedEntity;
import io.quarry.graph.store.GraphStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.tokenize.Tokenizer;

/**
 * Links a query to the graph's entities by exact key (which folds case, accents, punctuation and
 * articles, so every alias that normalizes alike matches): every span of up to {@link #MAX_TOKENS}
 * tokens is a candidate key, asked of the store in one call; the longest spans that match win and
 * the spans inside them are dropped ("Journal of Psychotherapy Integration", not also
 * "Psychotherapy Integration").
 *
 * <p>Thread-safe when the tokenizer supplier hands each thread its own.
 */
public final class EntityLinker {

  static final int MAX_TOKENS = 8;

  private final java.util.function.Supplier<Tokenizer> tokenizer;

  public EntityLinker(java.util.function.Supplier<Tokenizer> tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Whether the token of a one-word span that carries {@code key} is capitalised. */
  private static boolean writtenAsName(String[] tokens, String[] parts, String key, int[] span) {
    for (int i = span[0]; i < span[1]; i++) {
      if (parts[i].equals(key)) {
        return Character.isUpperCase(tokens[i].charAt(0));
      }
    }
    return false;
  }

  /** The entities {@code text} names, in the order they appear. */
  public List<LinkedEntity> link(String text, GraphStore store) throws IOException {
    String[] tokens = tokenizer.get().tokenize(text);
    String[] parts = new String[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      parts[i] = EntityKeys.of(tokens[i]);
    }
    // every span, keyed; spans[i][len-1] is the key of tokens i..i+len
    Map<String, int[]> firstSpan = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty()) {
        continue;
      }
      StringBuilder key = new StringBuilder();
      for (int j = i; j < Math.min(parts.length, i + MAX_TOKENS); j++) {
        if (parts[j].isEmpty()) {
          continue;
        }
        if (key.length() > 0) {
          key.append(' ');
        }
        key.append(parts[j]);
        firstSpan.putIfAbsent(EntityKeys.of(key.toString()), new int[] {i, j + 1});
      }
    }
    firstSpan.remove("");
    if (firstSpan.isEmpty()) {
      return List.of();
    }
    // A one-word span links only when it is written as a name ("Publix", not "state"): lower-case
    // single words are mostly common nouns that happen to be an entity's name somewhere.
    firstSpan.entrySet().removeIf(e -> e.getKey().indexOf(' ') < 0
        && (e.getKey().length() < 3 || !writtenAsName(tokens, parts, e.getKey(), e.getValue())));
    if (firstSpan.isEmpty()) {
      return List.of();
    }
    Map<String, LinkedEntity> known = store.link(firstSpan.keySet());
    // longest first, then earliest; a span inside a taken one is dropped
    List<Map.Entry<String, int[]>> found = new ArrayList<>();
    firstSpan.entrySet().stream().filter(e -> known.containsKey(e.getKey())).forEach(found::add);
    found.sort((a, b) -> {
      int la = a.getValue()[1] - a.getValue()[0];
      int lb = b.getValue()[1] - b.getValue()[0];
      return la != lb ? Integer.compare(lb, la) : Integer.compare(a.getValue()[0], b.getValue()[0]);
    });
    boolean[] taken = new boolean[tokens.length];
    Set<String> keep = new LinkedHashSet<>();
    for (var e : found) {
      int[] span = e.getValue();
      boolean free = true;
      for (int i = span[0]; i < span[1]; i++) {
        free &= !taken[i];
      }
      if (free) {
        java.util.Arrays.fill(taken, span[0], span[1], true);
        keep.add(e.getKey());
      }
    }
    List<LinkedEntity> out = new ArrayList<>();
    found.stream().filter(e -> keep.contains(e.getKey()))
        .sorted((a, b) -> Integer.compare(a.getValue()[0], b.getValue()[0]))
        .forEach(e -> out.add(known.get(e.getKey())));
    return out;
  }
}
