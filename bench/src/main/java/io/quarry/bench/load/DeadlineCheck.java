package io.quarry.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a deep-path mode kept its deadline under load: its P99 within the budget plus {@link
 * #SLACK} (10%), once from each request's schedule (what a user waits, queueing included) and once
 * by the server's own {@code timings_ms.total} (what the engine took once it started on it).
 *
 * @param mode the mode's wire name
 * @param budgetMs the {@code deadline_ms} its requests carried
 * @param limitMs {@code budgetMs * (1 + SLACK)}
 * @param p99Ms P99 from the schedule
 * @param serverP99Ms P99 of the server's own timing (0 when the answers carried none)
 */
public record DeadlineCheck(String mode, int budgetMs, double limitMs, double p99Ms, double serverP99Ms) {

  /** The promise: deep P99 within the deadline plus 10%. */
  public static final double SLACK = 0.10;

  public boolean within() {
    return p99Ms <= limitMs;
  }

  public boolean serverWithin() {
    return serverP99Ms <= limitMs;
  }

  /** One check per deep-path mode of {@code run} that had answers, when its requests carried a budget. */
  public static List<DeadlineCheck> of(LoadRun run) {
    List<DeadlineCheck> out = new ArrayList<>();
    if (run.deepBudgetMs() == null) {
      return out;
    }
    int budget = run.deepBudgetMs();
    for (ModeStats m : run.modes()) {
      if (m.ok() > 0 && "deep".equals(io.quarry.bench.backend.BenchMode.parse(m.mode()).apiMode())) {
        out.add(new DeadlineCheck(m.mode(), budget, budget * (1 + SLACK), m.latency().p99Ms(), m.server().p99Ms()));
      }
    }
    return out;
  }
}
