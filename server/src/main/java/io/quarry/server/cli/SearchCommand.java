package io.quarry.server.cli;

import io.quarry.core.search.Hit;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.server.Engine;
import io.quarry.server.Wiring;
import io.quarry.server.http.Json;
import io.quarry.server.http.SearchJson;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarry search}: one query against the data directory, printed as a list or JSON. */
@Command(name = "search", description = "Search the index from the command line.")
public final class SearchCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "TEXT", description = "The query.")
  String text;

  @Option(names = {"-k", "--k"}, defaultValue = "10", description = "Number of hits. Default: 10.")
  int k;

  @Option(names = "--mode", defaultValue = "auto", description = "fast, deep or auto. Default: auto.")
  String mode;

  @Option(names = "--json", description = "Print the API's JSON answer.")
  boolean json;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
      description = "The day that counts as now: nothing dated after it is returned. Default: today.")
  java.time.LocalDate asOf;

  @Option(names = "--freshness", paramLabel = "STRATEGY",
      description = "none, vector_date_filter, dual_pass or recency_decay. Default: the configured one for time-sensitive queries.")
  String freshness;

  @Override
  public Integer call() throws Exception {
    SearchRequest request = SearchRequest.of(text, k, SearchMode.parse(mode))
        .withFilters(io.quarry.core.search.Filters.NONE.withAsOf(asOf))
        .withTime(new SearchRequest.TimeOptions(
            freshness == null ? null : io.quarry.core.time.FreshnessStrategy.parse(freshness), null));
    try (Engine engine = Wiring.engine(common.config(Map.of()))) {
      SearchResponse r = engine.search(request);
      if (json) {
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(SearchJson.of(r)));
        return 0;
      }
      int rank = 1;
      for (Hit h : r.hits()) {
        System.out.printf(Locale.ROOT, "%2d. %.4f  %s  %s%s%n      %s%n", rank++, h.score(), h.id(), h.title(),
            h.date() == null ? "" : "  (" + h.date() + ")", abbreviate(h.text(), 160));
      }
      System.out.printf(Locale.ROOT, "%d hits in %.1f ms (%s)%n", r.hits().size(), r.timingsMs().get("total"), r.timingsMs());
      if (r.freshness() != null) {
        System.out.printf(Locale.ROOT, "as of %s, freshness %s (%s)%s%n", r.freshness().asOf(), r.freshness().strategy(),
            r.freshness().reason(), r.timeRange() == null ? "" : ", time range " + r.timeRange().since() + ".." + r.timeRange().until());
      }
    }
    return 0;
  }

  private static String abbreviate(String s, int max) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
  }
}
