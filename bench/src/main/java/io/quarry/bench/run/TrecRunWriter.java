package io.quarry.bench.run;

import io.quarry.bench.backend.RankedHit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes TREC run files: {@code qid Q0 docid rank score tag}, one line per hit, ranks from 1, at
 * most {@link #DEPTH} hits per query, queries in run order.
 *
 * <p><b>Scores reproduce our ranking.</b> trec_eval ignores the rank column: it re-sorts each
 * query's lines by score descending and breaks ties by document id (descending, {@code strcmp}),
 * and it refuses a query that lists a document twice. So the written scores must be strictly
 * decreasing in our rank order. Scores are written with 6 decimals (Locale.ROOT, plain notation),
 * and a score that would not be strictly below the previous written one (an exact tie, or an
 * engine whose final order is not by score) is written as the previous score minus 0.000001.
 * Duplicate ids have already been removed by the runner (first occurrence kept), and ids with
 * whitespace are rejected as the format cannot carry them.
 */
public final class TrecRunWriter {

  /** Hits kept per query. */
  public static final int DEPTH = 100;

  private static final BigDecimal EPSILON = new BigDecimal("0.000001");

  private TrecRunWriter() {}

  /** The lines for one query. */
  public static List<String> lines(String queryId, List<RankedHit> hits, String tag) {
    requireToken(queryId, "query id");
    requireToken(tag, "tag");
    List<String> out = new ArrayList<>();
    BigDecimal previous = null;
    for (int i = 0; i < Math.min(DEPTH, hits.size()); i++) {
      RankedHit hit = hits.get(i);
      requireToken(hit.id(), "document id");
      BigDecimal score = BigDecimal.valueOf(hit.score()).setScale(6, RoundingMode.HALF_UP);
      if (previous != null && score.compareTo(previous) >= 0) {
        score = previous.subtract(EPSILON);
      }
      previous = score;
      out.add(String.format(Locale.ROOT, "%s Q0 %s %d %s %s", queryId, hit.id(), i + 1,
          score.toPlainString(), tag));
    }
    return out;
  }

  /** Writes a run file; {@code rankings} are (query id, hits) in the order to write. */
  public static void write(Path file, List<? extends java.util.Map.Entry<String, List<RankedHit>>>
      rankings, String tag) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (var e : rankings) {
        for (String line : lines(e.getKey(), e.getValue(), tag)) {
          w.write(line);
          w.write('\n');
        }
      }
    }
  }

  private static void requireToken(String s, String what) {
    if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("illegal " + what + " for a TREC run: '" + s
          + "', must be non-empty without whitespace");
    }
  }
}
