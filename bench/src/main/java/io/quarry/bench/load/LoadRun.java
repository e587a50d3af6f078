package io.quarry.bench.load;

import java.util.List;

/**
 * The outcome of one rate.
 *
 * @param rate the scheduled rate, requests per second
 * @param sent requests sent
 * @param elapsedSeconds from the first scheduled send to the last answer
 * @param throughput 2xx answers per second of {@code elapsedSeconds}
 * @param sendLag how late the generator sent each request against its schedule: large values say
 *     the generator itself (or the in-flight cap) fell behind, which the corrected latency counts
 * @param stoppedBy what ended the schedule: {@code duration} or {@code max_requests}
 * @param unanswered requests still in flight when the drain gave up (also counted as errors)
 * @param deepBudgetMs the {@code deadline_ms} the deep requests carried, or null
 * @param modes per mode, in the mix's order
 */
public record LoadRun(double rate, long sent, double elapsedSeconds, double throughput, Latency sendLag,
    String stoppedBy, long unanswered, Integer deepBudgetMs, List<ModeStats> modes) {

  public LoadRun {
    modes = List.copyOf(modes);
  }

  /** The stats of {@code mode} (wire name), or null when the mix had none. */
  public ModeStats mode(String mode) {
    return modes.stream().filter(m -> m.mode().equals(mode)).findFirst().orElse(null);
  }

  public long errors() {
    return modes.stream().mapToLong(ModeStats::errors).sum();
  }

  public long ok() {
    return modes.stream().mapToLong(ModeStats::ok).sum();
  }
}
