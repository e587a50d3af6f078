package io.quarry.bench.load;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Collects one mode's outcomes as they complete, on any thread. Thread-safe (synchronized). */
final class ModeRecorder {

  private final String mode;
  private final Histogram corrected = Latency.histogram();
  private final Histogram uncorrected = Latency.histogram();
  private final Histogram server = Latency.histogram();
  private final Map<String, Long> errorKinds = new TreeMap<>();
  private final Map<String, String> firstErrors = new TreeMap<>();
  private long requests;
  private long ok;
  private long partial;
  private double slowestServerMs = Double.NEGATIVE_INFINITY;
  private Map<String, Double> slowest = Map.of();

  ModeRecorder(String mode) {
    this.mode = mode;
  }

  synchronized void sent() {
    requests++;
  }

  /**
   * One outcome.
   *
   * @param scheduled when the request was due to be sent
   * @param sentAt when it was sent
   * @param done when its reply (or failure) arrived
   */
  synchronized void record(long scheduled, long sentAt, long done, LoadReply reply) {
    if (!reply.ok()) {
      error(reply.error());
      return;
    }
    ok++;
    if (reply.partial()) {
      partial++;
    }
    Latency.record(corrected, done - scheduled);
    Latency.record(uncorrected, done - sentAt);
    if (!Double.isNaN(reply.serverMs())) {
      Latency.record(server, Math.round(reply.serverMs() * 1e6));
      if (reply.serverMs() > slowestServerMs) {
        slowestServerMs = reply.serverMs();
        slowest = reply.timings();
      }
    }
  }

  /** An error with no reply: the kind is the message up to its first ':'. */
  synchronized void error(String message) {
    String m = message == null || message.isBlank() ? "error" : message;
    int colon = m.indexOf(':');
    String kind = colon > 0 ? m.substring(0, colon) : m;
    errorKinds.merge(kind, 1L, Long::sum);
    firstErrors.putIfAbsent(kind, m);
  }

  /** Counts every request sent but not yet answered as an {@code unanswered} error. */
  synchronized void abandonUnanswered() {
    long missing = requests - answered();
    for (long i = 0; i < missing; i++) {
      error("unanswered: still in flight when the load stopped waiting");
    }
  }

  synchronized long answered() {
    return ok + errorKinds.values().stream().mapToLong(Long::longValue).sum();
  }

  synchronized ModeStats stats() {
    long errors = errorKinds.values().stream().mapToLong(Long::longValue).sum();
    return new ModeStats(mode, requests, ok, errors, errorKinds, firstErrors, partial, Latency.of(corrected),
        Latency.of(uncorrected), Latency.of(server), slowest);
  }
}
