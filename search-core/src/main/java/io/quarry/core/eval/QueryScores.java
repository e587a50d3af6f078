package io.quarry.core.eval;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The metric values of one evaluated query. A metric that is undefined for the query (for example
 * {@code fresh@10} when its top 10 holds no dated document) is absent, not 0.
 *
 * @param queryId the query
 * @param values metric to value, every value finite and in [0, 1]; copied
 */
public record QueryScores(String queryId, Map<Metric, Double> values) {

  public QueryScores {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(values, "values");
    EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
    values.forEach((metric, value) -> {
      Objects.requireNonNull(metric, "metric");
      if (value == null || !(value >= 0.0 && value <= 1.0)) {
        throw new IllegalArgumentException("illegal value for " + metric.wireName() + " of query '"
            + queryId + "': " + value + ", must be in [0, 1]");
      }
      copy.put(metric, value);
    });
    values = Collections.unmodifiableMap(copy);
  }

  /** The value of a metric, or empty when it is undefined for this query. */
  public OptionalDouble get(Metric metric) {
    Double v = values.get(metric);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
