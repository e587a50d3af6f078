package io.quarry.core.search.leg;

import io.quarry.core.search.DropReason;
import io.quarry.core.search.DroppedLeg;
import io.quarry.core.search.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which legs run for one request, on either path, and why the others do not: a leg runs when the
 * configuration enables it, what it needs is there (a vector leg needs an encoder), and the
 * request allows it.
 *
 * @param running the legs that run, in the order given
 * @param dropped the others, each {@link DropReason#DISABLED} or {@link DropReason#NOT_REQUESTED}
 */
public record LegSelection(List<RetrievalLeg> running, List<DroppedLeg> dropped) {

  public LegSelection {
    running = List.copyOf(running);
    dropped = List.copyOf(dropped);
  }

  /**
   * @param legs every leg the path was built with
   * @param enabled the legs the configuration enables ({@code search.legs.*})
   * @param encoder whether a query encoder is configured
   * @param request what the request allows
   */
  public static LegSelection of(List<RetrievalLeg> legs, Set<String> enabled, boolean encoder,
      SearchRequest request) {
    List<RetrievalLeg> running = new ArrayList<>();
    List<DroppedLeg> dropped = new ArrayList<>();
    for (RetrievalLeg leg : legs) {
      if (leg instanceof DisabledLeg off) {
        dropped.add(new DroppedLeg(leg.name(), DropReason.DISABLED, off.reason()));
      } else if (!enabled.contains(leg.name())) {
        dropped.add(new DroppedLeg(leg.name(), DropReason.DISABLED, "search.legs." + leg.name() + "=false"));
      } else if (leg.needsQueryVector() && !encoder) {
        dropped.add(new DroppedLeg(leg.name(), DropReason.DISABLED, "no embedding model (index.vectors=false)"));
      } else if (!request.allows(leg.name())) {
        dropped.add(new DroppedLeg(leg.name(), DropReason.NOT_REQUESTED));
      } else {
        running.add(leg);
      }
    }
    return new LegSelection(running, dropped);
  }
}
