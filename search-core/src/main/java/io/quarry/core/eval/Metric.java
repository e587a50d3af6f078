package io.quarry.core.eval;

import java.util.Locale;

/**
 * The per-query quality metrics the benchmark reports, with their names as written in
 * {@code run.json} (BENCHMARK.md). Declaration order is the order in which they are written.
 */
public enum Metric {
  NDCG_10("ndcg@10"),
  RECALL_2("recall@2"),
  RECALL_5("recall@5"),
  RECALL_10("recall@10"),
  RECALL_100("recall@100"),
  MRR_10("mrr@10"),
  FRESH_10("fresh@10"),
  FUTURE_LEAK_10("future_leak@10"),
  STALE_ANSWER_1("stale_answer@1");

  private final String wireName;

  Metric(String wireName) {
    this.wireName = wireName;
  }

  /** The name as written in {@code run.json}, e.g. {@code ndcg@10}. */
  public String wireName() {
    return wireName;
  }

  /** True for the metrics that need publish dates (reported only for dated corpora). */
  public boolean isFreshness() {
    return this == FRESH_10 || this == FUTURE_LEAK_10 || this == STALE_ANSWER_1;
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static Metric parse(String name) {
    for (Metric m : values()) {
      if (m.wireName.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    StringBuilder names = new StringBuilder();
    for (Metric m : values()) {
      names.append(names.isEmpty() ? "" : ", ").append(m.wireName);
    }
    throw new IllegalArgumentException("illegal metric: '" + name + "', must be one of " + names);
  }
}
