package io.quarry.core.search.leg;

import io.quarry.core.fusion.RankedList;

/**
 * A leg the configuration switched off at a level above {@code search.legs.*} (the graph with
 * {@code graph.enabled=off}, which is then not even built): it never runs, and every request that
 * could have used it is told why in {@code dropped}.
 *
 * @param name the leg's name
 * @param reason the setting that switched it off, e.g. {@code graph.enabled=off}
 */
public record DisabledLeg(String name, String reason) implements RetrievalLeg {

  @Override
  public boolean needsQueryVector() {
    return false;
  }

  @Override
  public RankedList search(LegInput input) {
    throw new IllegalStateException("leg '" + name + "' is disabled (" + reason + ") and never runs");
  }
}
