package io.quarry.bench.load;

import java.util.Map;

/**
 * What came back for one request: an answer (any HTTP status) or a failure to get one.
 *
 * @param status the HTTP status, or 0 when no answer came (timeout, refused connection)
 * @param partial the answer's {@code partial}
 * @param serverMs the answer's {@code timings_ms.total}: the time the engine itself took, without
 *     the HTTP exchange and any queueing before it; NaN when absent
 * @param error null for a 2xx answer that could be read, else the kind of error in a few words
 *     ({@code http 500}, {@code timeout}, {@code connect}); its first words group the errors
 * @param timings the answer's whole {@code timings_ms} (per stage), empty when none
 */
public record LoadReply(int status, boolean partial, double serverMs, String error, Map<String, Double> timings) {

  public LoadReply {
    timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
  }

  /** A 2xx answer. */
  public static LoadReply answer(int status, boolean partial, double serverMs) {
    return answer(status, partial, serverMs, Map.of());
  }

  /** A 2xx answer with its per-stage timings. */
  public static LoadReply answer(int status, boolean partial, double serverMs, Map<String, Double> timings) {
    return new LoadReply(status, partial, serverMs, null, timings);
  }

  /** A failure. */
  public static LoadReply failed(int status, String error) {
    return new LoadReply(status, false, Double.NaN, error, Map.of());
  }

  public boolean ok() {
    return error == null;
  }
}
