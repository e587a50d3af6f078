package io.quarry.embeddings.rerank;

import java.util.List;
import java.util.Objects;

/**
 * One judged query as training sees it: the query, one passage judged relevant, and passages
 * that are not (hard negatives: what the first stage ranked high without a judgment).
 *
 * @param query the query text, not blank
 * @param positive a relevant passage, not blank
 * @param negatives passages that are not relevant, at least one; the trainer draws its group's
 *     negatives from them, a fresh draw each epoch
 */
public record TrainingGroup(String query, String positive, List<String> negatives) {

  public TrainingGroup {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(positive, "positive");
    negatives = List.copyOf(negatives);
    if (query.isBlank()) {
      throw new IllegalArgumentException("illegal training group: query must not be blank");
    }
    if (positive.isBlank()) {
      throw new IllegalArgumentException("illegal training group for '" + query + "': positive must not be blank");
    }
    if (negatives.isEmpty()) {
      throw new IllegalArgumentException("illegal training group for '" + query + "': no negatives");
    }
  }
}
