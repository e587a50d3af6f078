package io.quarry.core.search.freshness;

import io.quarry.core.search.SearchRequest;
import io.quarry.core.time.FreshnessStrategy;
import io.quarry.core.time.TimeRange;
import io.quarry.core.time.FreshnessIntent;
import io.quarry.core.time.TemporalParse;
import io.quarry.core.time.TimeExpressions;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what time means for a request, from its text and its {@code as_of}, in microseconds:
 *
 * <ol>
 *   <li>The as-of day: the request's, else today; an "as of &lt;date&gt;" in the text moves it
 *       earlier, never later.
 *   <li>Time expressions ("in March 2023", "last week") become a date range and leave the text
 *       the legs search.
 *   <li>Time-sensitive: a freshness cue ("latest", "this week"), a time expression, or a request
 *       that dates itself with {@code as_of} (when {@link FreshnessSettings#explicitAsOfIsSignal()}).
 *   <li>The strategy: the request's, else the configured one for time-sensitive queries and none
 *       for the rest. A decay never applies to a query that is not time-sensitive.
 * </ol>
 *
 * <p>Thread-safe.
 */
public final class TemporalPlanner {

  private final FreshnessSettings settings;
  private final Clock clock;

  public TemporalPlanner(FreshnessSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public TemporalPlan plan(SearchRequest request) {
    LocalDate requested = request.filters().asOf();
    LocalDate asOf = requested != null ? requested : LocalDate.now(clock);
    // a request may switch time expressions off, never on against the configuration
    boolean parse = settings.timeExpressions() && !Boolean.FALSE.equals(request.time().timeExpressions());
    String text = request.query();
    TimeRange range = null;
    boolean bound = false;
    List<String> expressions = List.of();
    boolean datedInText = false;
    if (parse) {
      TemporalParse p = TimeExpressions.parse(request.query(), asOf);
      text = p.text();
      range = p.range();
      bound = p.bound();
      expressions = p.expressions();
      if (p.asOf() != null && p.asOf().isBefore(asOf)) {
        asOf = p.asOf();
        datedInText = true;
      }
    }
    Optional<String> cue = FreshnessIntent.cue(request.query());
    List<String> why = new ArrayList<>();
    cue.ifPresent(c -> why.add("cue '" + c + "'"));
    if (!expressions.isEmpty()) {
      why.add("time expression '" + expressions.get(0) + "'");
    }
    if (datedInText) {
      why.add("dated in the text");
    }
    if (requested != null && settings.explicitAsOfIsSignal()) {
      why.add("as_of given");
    }
    boolean sensitive = !why.isEmpty();
    String reason = sensitive ? String.join(", ", why) : "no freshness cue, time expression or as_of";
    FreshnessStrategy asked = request.time().strategy();
    FreshnessStrategy strategy = asked != null ? asked : sensitive ? settings.strategy() : FreshnessStrategy.NONE;
    if (strategy == FreshnessStrategy.RECENCY_DECAY && !sensitive) {
      strategy = FreshnessStrategy.NONE;
      reason += "; no decay for a query that is not time-sensitive";
    }
    boolean datedOnly = sensitive && settings.undated() == FreshnessSettings.Undated.EXCLUDE;
    int windowDays = settings.windowDays();
    if (range != null && !bound && range.since() != null && range.until() != null) {
      windowDays = (int) java.time.temporal.ChronoUnit.DAYS.between(range.since(), range.until()) + 1;
    }
    return new TemporalPlan(asOf, text, range, bound, windowDays, expressions, cue.orElse(null),
        sensitive, reason, strategy, datedOnly);
  }
}
