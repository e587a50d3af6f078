package io.quarry.core.fusion;

import java.util.Comparator;

/**
 * The one ordering rule for ranked results: score descending, then best rank in any leg
 * ascending, then key ascending. Total and deterministic, so equal inputs always give equal
 * outputs, whatever the segment layout.
 */
public final class HitOrder {

  public static final Comparator<FusedHit> FUSED = Comparator
      .comparingDouble(FusedHit::score).reversed()
      .thenComparingInt(FusedHit::bestRank)
      .thenComparing(FusedHit::key);

  private HitOrder() {}
}
