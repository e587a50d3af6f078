package io.quarry.bench.rerank;

import io.quarry.core.document.Document;
import io.quarry.core.search.Hit;
import io.quarry.embeddings.rerank.TrainingGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Training groups from the first stage's own hits: for each judged query, each relevant document
 * is a positive and the top hits without a judgment are its negatives (hard ones: the first stage
 * ranked them high), so the reranker learns on the candidates it will see.
 *
 * <p>A positive the first stage found reads as it found it (its best passage); one it missed
 * reads as the document (title and text), truncated by the tokenizer.
 */
final class HardNegatives {

  private HardNegatives() {}

  /**
   * The groups of one query; none when the hits hold fewer than {@code needed} unjudged ones.
   *
   * @param hits the first stage's hits, best first
   * @param grades the query's judgments (grade above 0 is relevant; judged 0 is never a negative)
   */
  static List<TrainingGroup> groups(String query, List<Hit> hits, Map<String, Integer> grades,
      Map<String, Document> corpus, int needed) {
    List<String> negatives = new ArrayList<>();
    for (Hit h : hits) {
      if (!grades.containsKey(h.id())) {
        negatives.add(h.rerankText());
      }
    }
    if (negatives.size() < needed) {
      return List.of();
    }
    List<TrainingGroup> out = new ArrayList<>();
    for (Map.Entry<String, Integer> g : grades.entrySet()) {
      if (g.getValue() <= 0) {
        continue;
      }
      String positive = hits.stream().filter(h -> h.id().equals(g.getKey())).findFirst().map(Hit::rerankText)
          .orElseGet(() -> documentText(corpus.get(g.getKey())));
      if (positive != null && !positive.isBlank()) {
        out.add(new TrainingGroup(query, positive, negatives));
      }
    }
    return out;
  }

  private static String documentText(Document d) {
    return d == null ? null : Hit.rerankText(d.title(), d.text());
  }
}
