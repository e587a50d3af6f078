package io.quarry.bench.load;

import java.util.Map;

/**
 * One mode's figures in one load run.
 *
 * @param mode the mode's wire name
 * @param requests requests sent
 * @param ok answered with 2xx
 * @param errors not answered with a readable 2xx (a non-2xx status, a timeout, a refused connection)
 * @param errorKinds errors by kind ({@code http 500}, {@code timeout}, ...), each with its count
 * @param firstErrors the first message of each kind
 * @param partial 2xx answers with {@code partial: true}
 * @param latency 2xx answers, from each request's <em>scheduled</em> send time to its answer:
 *     corrected for coordinated omission, since a request the generator sent late (it was itself
 *     held up, or too many were in flight) still counts the time it should have been waiting
 * @param uncorrected the same answers from the time each was actually sent, for comparison: what a
 *     closed-loop client would report
 * @param server the answers' own {@code timings_ms.total}: the engine's time, without HTTP and any
 *     queue in front of it
 * @param slowest the {@code timings_ms} of the answer with the highest {@code total}: where the
 *     time of the worst one went (empty when no answer carried timings)
 */
public record ModeStats(String mode, long requests, long ok, long errors, Map<String, Long> errorKinds,
    Map<String, String> firstErrors, long partial, Latency latency, Latency uncorrected, Latency server,
    Map<String, Double> slowest) {

  public ModeStats {
    errorKinds = Map.copyOf(errorKinds);
    firstErrors = Map.copyOf(firstErrors);
    slowest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slowest));
  }

  /** Share of the 2xx answers that were partial; 0 when none came. */
  public double partialRate() {
    return ok == 0 ? 0 : (double) partial / ok;
  }

  /** Share of the requests that failed; 0 when none were sent. */
  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }
}
