package io.quarry.core.search.freshness;

import io.quarry.core.search.leg.LegInput;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.fusion.Fusion;
import io.quarry.core.fusion.RankedList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent pass of {@link FreshnessStrategy#DUAL_PASS}: the given legs again, each restricted to
 * the recent window, combined as the fast path combines them, returned as one list named
 * {@value #NAME}. Fused with the all-time legs, it adds its weight to the recent documents that
 * match; when the window holds nothing it returns an empty list and the all-time pass decides.
 *
 * <p>Built per request (it carries that request's window); thread-safe.
 */
public final class FreshnessLeg implements RetrievalLeg {

  public static final String NAME = "freshness";

  private final List<RetrievalLeg> legs;
  private final Fusion combine;
  private final RecencyWindow window;

  /**
   * @param legs the legs to run inside the window
   * @param combine how their lists become one
   * @param window the recent window
   */
  public FreshnessLeg(List<RetrievalLeg> legs, Fusion combine, RecencyWindow window) {
    this.legs = List.copyOf(legs);
    this.combine = combine;
    this.window = window;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsQueryVector() {
    return legs.stream().anyMatch(RetrievalLeg::needsQueryVector);
  }

  @Override
  public RankedList search(LegInput in) throws IOException {
    // the window's range over the input's own filters (the same as the window's when the path
    // built the window from them, as it does)
    LegInput windowed = new LegInput(in.snapshot(), in.index(), in.text(), in.vector(),
        in.filters().withRange(window.filters().since(), window.filters().until()), in.passages(),
        in.candidates(), in.cancellation());
    List<RankedList> lists = new ArrayList<>(legs.size());
    for (RetrievalLeg leg : legs) {
      in.checkCancelled();
      lists.add(leg.search(windowed));
    }
    return RankedList.of(NAME, combine.fuse(lists, in.candidates()));
  }
}
