package io.quarry.bench.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One regression file: a suite, the sets and modes to run, the engine settings, and the scores
 * they must give, each with its tolerance (as Anserini's regression YAMLs pin theirs).
 *
 * <pre>
 * name: fixture-bm25
 * suite: ../fixture/suite.json       # relative to this file
 * sets: [facts, news]
 * modes: [bm25]
 * settings: {index.vectors: "false"}
 * checks:
 *   - {set: facts, category: factual, mode: bm25, metric: ndcg@10, expected: 0.8262, tolerance: 0}
 * </pre>
 *
 * <p>Tolerance 0 for BM25, where the same index and query must give the same score to four
 * decimals; a small one for vectors and models, whose floating point differs a little by CPU.
 */
public record Regression(String name, Path suite, List<String> sets, List<String> modes,
    Map<String, String> settings, List<Check> checks) {

  /** Quality metrics a check may pin: run times are for the benchmark, not for a pass/fail file. */
  static final Set<String> HIGHER_IS_BETTER = Set.of("ndcg@10", "recall@2", "recall@5", "recall@10", "recall@100",
      "mrr@10", "fresh@10");
  static final Set<String> LOWER_IS_BETTER = Set.of("future_leak@10", "stale_answer@1");

  /**
   * One expected score.
   *
   * @param category the query category of the row
   * @param tolerance how far the score may move either way and still be OK
   */
  public record Check(String set, String category, String mode, String metric, double expected, double tolerance) {

    /** Whether a higher score is the better one for this metric. */
    public boolean higherIsBetter() {
      return HIGHER_IS_BETTER.contains(metric);
    }
  }

  private record File(String name, String suite, List<String> sets, List<String> modes,
      Map<String, String> settings, List<CheckFile> checks) {}

  private record CheckFile(String set, String category, String mode, String metric, Double expected,
      Double tolerance) {}

  /**
   * Reads and validates a regression file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong in it
   */
  public static Regression read(Path yaml) throws IOException {
    ObjectMapper m = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    File f;
    try {
      f = m.readValue(Files.readAllBytes(yaml), File.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(yaml + ": not a regression file: " + e.getOriginalMessage(), e);
    }
    String where = yaml.toString();
    if (f == null || f.suite() == null || f.modes() == null || f.modes().isEmpty() || f.checks() == null
        || f.checks().isEmpty()) {
      throw new IllegalArgumentException(where + ": 'suite', 'modes' and 'checks' are required");
    }
    List<Check> checks = new java.util.ArrayList<>();
    for (int i = 0; i < f.checks().size(); i++) {
      CheckFile c = f.checks().get(i);
      String at = where + ": checks[" + i + "]";
      if (c.set() == null || c.category() == null || c.mode() == null || c.metric() == null || c.expected() == null) {
        throw new IllegalArgumentException(at + " needs set, category, mode, metric and expected");
      }
      if (!HIGHER_IS_BETTER.contains(c.metric()) && !LOWER_IS_BETTER.contains(c.metric())) {
        throw new IllegalArgumentException(at + ": metric '" + c.metric() + "' is not a quality metric; one of "
            + new java.util.TreeSet<>(java.util.stream.Stream.concat(HIGHER_IS_BETTER.stream(),
                LOWER_IS_BETTER.stream()).toList()));
      }
      double tol = c.tolerance() == null ? 0 : c.tolerance();
      if (tol < 0) {
        throw new IllegalArgumentException(at + ": tolerance must not be negative");
      }
      checks.add(new Check(c.set(), c.category(), c.mode(), c.metric(), c.expected(), tol));
    }
    Path suite = yaml.toAbsolutePath().getParent().resolve(f.suite()).normalize();
    return new Regression(f.name() == null ? yaml.getFileName().toString() : f.name(), suite,
        f.sets() == null ? List.of() : f.sets(), f.modes(), f.settings() == null ? Map.of() : f.settings(),
        List.copyOf(checks));
  }

  /** A row's score for a metric named as in {@code run.json}; NaN when the row has none. */
  public static double metric(io.quarry.bench.run.ResultRow r, String metric) {
    Double v = switch (metric) {
      case "ndcg@10" -> r.ndcg10();
      case "recall@2" -> r.recall2();
      case "recall@5" -> r.recall5();
      case "recall@10" -> r.recall10();
      case "recall@100" -> r.recall100();
      case "mrr@10" -> r.mrr10();
      case "fresh@10" -> r.fresh10();
      case "future_leak@10" -> r.futureLeak10();
      case "stale_answer@1" -> r.staleAnswer1();
      default -> throw new IllegalArgumentException("unknown metric " + metric);
    };
    return v == null ? Double.NaN : v;
  }
}
