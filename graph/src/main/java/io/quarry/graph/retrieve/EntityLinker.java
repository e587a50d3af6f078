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
import io.quarry.graph.extract.Pool;
import opennlp.tools.tokenize.Tokenizer;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * Links a query to the graph's entities by exact key (which folds case, accents, punctuation and
 * articles, so every alias that normalizes alike matches): every span of up to {@link #MAX_TOKENS}
 * tokens is a candidate key, asked of the store in one call; the longest spans that match win and
 * the spans inside them are dropped ("Journal of Psychotherapy Integration", not also
 * "Psychotherapy Integration").
 *
 * <p>Thread-safe: tokenizers (not thread-safe) are pooled.
 */
public final class EntityLinker {

  static final int MAX_TOKENS = 8;

  private final Pool<Tokenizer> tokenizers;

  /** A linker tokenizing queries with {@code model} (the extractor's, so spans match). */
  public EntityLinker(TokenizerModel model) {
    this.tokenizers = new Pool<>(() -> new TokenizerME(model));
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
    String[] tokens = tokenizers.with(t -> t.tokenize(text));
    String[] parts = EntityKeys.parts(java.util.Arrays.asList(tokens));
    // every span, keyed; the first span with a key wins
    Map<String, int[]> firstSpan = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      int start = i;
      EntityKeys.spans(parts, i, MAX_TOKENS,
          (end, key) -> firstSpan.putIfAbsent(EntityKeys.of(key), new int[] {start, end}));
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
