package io.quarry.core.search.freshness;

import io.quarry.core.fusion.Fusion;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.DroppedLeg;
import io.quarry.core.search.Filters;
import io.quarry.core.search.FreshnessReport;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.time.FreshnessStrategy;
import io.quarry.core.time.TimeRange;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * How time shapes one search, the same on both paths: the temporal plan as it applies to this
 * index, the request as the legs see it (the text without its time expressions, the as-of day,
 * the range), and the plan's strategy:
 *
 * <ul>
 *   <li>{@code vector_date_filter}: the request's filters narrowed to the smallest recent window
 *       that holds enough matches (counted inside the budget);
 *   <li>{@code dual_pass}: a {@link FreshnessLeg}, the legs again inside the window, to run beside
 *       them ({@link #recentPass});
 *   <li>{@code recency_decay}: a decay of the fused list ({@link #finish});
 *   <li>{@code none}: nothing more.
 * </ul>
 *
 * @param time the plan as it applies to this index
 * @param request the request the legs search
 * @param windowDays the recent window used, or null for none (or all time)
 * @param recentPass the recent pass to run beside the legs, or null
 * @param dropped what could not be done in time (the window search), empty normally
 * @param halfLifeDays the decay's half-life
 */
public record FreshnessShaping(TemporalPlan time, SearchRequest request, Integer windowDays,
    RetrievalLeg recentPass, List<DroppedLeg> dropped, double halfLifeDays) {

  /** The name the window search is reported under when the budget cuts it. */
  public static final String WINDOW = "window";

  public FreshnessShaping {
    dropped = List.copyOf(dropped);
  }

  /**
   * Shapes {@code asked} under {@code planned}.
   *
   * @param running the legs that run (the recent pass repeats them)
   * @param combine how the recent pass combines their lists
   * @param expired says when the budget for planning is spent
   */
  public static FreshnessShaping shape(TemporalPlan planned, SearchRequest asked, QuarryIndex index,
      QuarryIndex.Snapshot snapshot, List<RetrievalLeg> running, Fusion combine,
      FreshnessSettings settings, BooleanSupplier expired) throws IOException {
    var reader = snapshot.searcher().getIndexReader();
    TemporalPlan time = planned.onIndex(reader, asked.query());
    SearchRequest request = time.apply(asked, reader);
    Integer windowDays = null;
    RetrievalLeg recentPass = null;
    List<DroppedLeg> dropped = List.of();
    switch (time.strategy()) {
      case VECTOR_DATE_FILTER -> {
        RecencyWindow w = RecencyWindow.widened(index, snapshot, request.query(), request.filters(),
            time.anchor(), time.windowDays(), settings, expired);
        if (w == null) {
          dropped = List.of(DroppedLeg.timeout(WINDOW, "the budget ended while the recent window was sought; all time searched"));
        } else {
          request = request.withFilters(w.filters());
          windowDays = w.days() == 0 ? null : w.days();
        }
      }
      case DUAL_PASS -> {
        if (!running.isEmpty()) {
          RecencyWindow w = RecencyWindow.of(request.filters(), time.anchor(), time.windowDays());
          recentPass = new FreshnessLeg(running, combine, w);
          windowDays = w.days();
        }
      }
      case RECENCY_DECAY, NONE -> { }
    }
    return new FreshnessShaping(time, request, windowDays, recentPass, dropped, settings.halfLifeDays());
  }

  /** Whether the fused list is decayed by age. */
  public boolean decays() {
    return time.strategy() == FreshnessStrategy.RECENCY_DECAY;
  }

  /**
   * How many fused hits to keep before {@link #finish}: all candidates under a decay (so an older
   * top hit can give way to a newer one), else just {@code k}.
   */
  public int fuseLimit(int k, int candidates) {
    return decays() ? Math.max(k, candidates) : k;
  }

  /** The fused list as the strategy leaves it: decayed and cut to {@code limit}, or unchanged. */
  public List<FusedHit> finish(QuarryIndex.Snapshot snapshot, List<FusedHit> fused, int limit)
      throws IOException {
    return decays() ? RecencyDecay.apply(snapshot, fused, time.anchor(), halfLifeDays, limit) : fused;
  }

  /** This search's freshness report. */
  public FreshnessReport report() {
    return time.report(windowDays);
  }

  /** The range the response shows. */
  public TimeRange shown(Filters requested) {
    return time.shown(requested);
  }
}
