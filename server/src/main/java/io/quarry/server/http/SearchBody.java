package io.quarry.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarry.core.search.DeepOptions;
import io.quarry.core.search.Filters;
import io.quarry.core.time.FreshnessStrategy;
import java.time.Duration;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON body of {@code POST /v1/search}, as sent. {@link #toRequest} validates it field by
 * field; every error names the field.
 */
public record SearchBody(
    String query,
    Integer k,
    String mode,
    @JsonProperty("as_of") String asOf,
    String since,
    String until,
    List<String> sources,
    Map<String, List<String>> facets,
    List<String> legs,
    Boolean explain,
    Boolean passages,
    @JsonProperty("deadline_ms") Integer deadlineMs,
    Boolean rerank,
    Boolean variants,
    String freshness,
    @JsonProperty("time_expressions") Boolean timeExpressions) {

  /**
   * Validates and converts.
   *
   * @param knownLegs leg names the engine knows, for validating {@code legs}
   * @throws BadRequest naming the first bad field
   */
  public SearchRequest toRequest(Set<String> knownLegs) {
    return toRequest(knownLegs, Integer.MAX_VALUE);
  }

  /**
   * The same, refusing a {@code query} longer than {@code maxQueryChars}.
   *
   * @throws BadRequest naming the first bad field
   */
  public SearchRequest toRequest(Set<String> knownLegs, int maxQueryChars) {
    if (query == null) {
      throw new BadRequest("field 'query' is required: the text to search for");
    }
    if (query.isBlank()) {
      throw new BadRequest("field 'query' must not be empty");
    }
    if (query.length() > maxQueryChars) {
      throw new BadRequest("field 'query' is " + query.length() + " characters long, at most " + maxQueryChars
          + " (server.max_query_chars)");
    }
    int kk = k == null ? SearchRequest.DEFAULT_K : k;
    if (kk < 1 || kk > SearchRequest.MAX_K) {
      throw new BadRequest("field 'k' is " + kk + ", must be in 1.." + SearchRequest.MAX_K);
    }
    SearchMode m;
    try {
      m = mode == null ? SearchMode.AUTO : SearchMode.parse(mode);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("field 'mode': " + e.getMessage());
    }
    Set<String> legSet = new LinkedHashSet<>();
    if (legs != null) {
      for (String leg : legs) {
        if (!knownLegs.contains(leg)) {
          throw new BadRequest("field 'legs': unknown leg '" + leg + "', must be among " + knownLegs);
        }
        legSet.add(leg);
      }
      if (legSet.isEmpty()) {
        throw new BadRequest("field 'legs' must name at least one leg, or be left out for all");
      }
    }
    LocalDate sinceDay = day("since", since);
    LocalDate untilDay = day("until", until);
    if (sinceDay != null && untilDay != null && sinceDay.isAfter(untilDay)) {
      throw new BadRequest("field 'since' (" + sinceDay + ") is after 'until' (" + untilDay + ")");
    }
    Filters filters = new Filters(sources, facets, sinceDay, untilDay, day("as_of", asOf));
    if (deadlineMs != null && deadlineMs < 1) {
      throw new BadRequest("field 'deadline_ms' is " + deadlineMs + ", must be a positive number of milliseconds");
    }
    DeepOptions deep = new DeepOptions(deadlineMs == null ? null : Duration.ofMillis(deadlineMs), rerank, variants);
    FreshnessStrategy strategy = null;
    if (freshness != null) {
      try {
        strategy = FreshnessStrategy.parse(freshness);
      } catch (IllegalArgumentException e) {
        throw new BadRequest("field 'freshness': " + e.getMessage());
      }
    }
    return new SearchRequest(query, kk, m, filters, legSet,
        Boolean.TRUE.equals(explain), Boolean.TRUE.equals(passages), deep,
        new SearchRequest.TimeOptions(strategy, timeExpressions));
  }

  static LocalDate day(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequest("field '" + field + "' is '" + value + "', must be a date YYYY-MM-DD");
    }
  }
}
