package io.quarry.bench.backend;

import io.quarry.core.document.PublishDate;
import java.util.Objects;

/**
 * One hit as the engine ranked it.
 *
 * @param id document id, not blank
 * @param score the engine's final score (finite; higher is better)
 * @param date the publish date the engine reports, or null. Informational: freshness metrics use
 *     the corpus's own dates, so an engine cannot flatter them by reporting a wrong date.
 */
public record RankedHit(String id, double score, PublishDate date) {

  public RankedHit {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("illegal hit id: must not be blank");
    }
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("illegal score for hit '" + id + "': " + score
          + ", must be finite");
    }
  }
}
