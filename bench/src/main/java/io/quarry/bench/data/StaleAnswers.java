package io.quarry.bench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A set's stale answer documents ({@code stale_answer_docs.tsv} next to its qrels file): header
 * {@code query-id<TAB>corpus-id<TAB>age_days}, then documents that mention a query's answer but
 * were published too long before it. Only the first two columns are used.
 */
public final class StaleAnswers {

  /** File name, looked up in the directory of the set's qrels file. */
  public static final String FILE_NAME = "stale_answer_docs.tsv";

  /** Expected header line. */
  public static final String HEADER = "query-id\tcorpus-id\tage_days";

  private StaleAnswers() {}

  /** The stale answer file beside {@code qrelsFile}, read when it exists. */
  public static Optional<Map<String, Set<String>>> besideQrels(Path qrelsFile) throws IOException {
    Path file = qrelsFile.toAbsolutePath().resolveSibling(FILE_NAME);
    return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
  }

  /**
   * Reads query id to stale document ids.
   *
   * @throws IOException when unreadable or malformed (file and line named)
   */
  public static Map<String, Set<String>> read(Path file) throws IOException {
    Map<String, Set<String>> out = new HashMap<>();
    try (BufferedReader in = JsonLines.open(file)) {
      String header = in.readLine();
      if (header == null || !header.strip().equals(HEADER)) {
        throw new IOException(file + ": line 1: expected header '"
            + HEADER.replace("\t", "<TAB>") + "', found '" + header + "'");
      }
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cols = line.strip().split("\t", -1);
        if (cols.length != 3 || cols[0].isBlank() || cols[1].isBlank()) {
          throw new IOException(JsonLines.where(file, lineNo)
              + "expected 3 tab-separated columns query-id, corpus-id, age_days; found '" + line
              + "'");
        }
        out.computeIfAbsent(cols[0], q -> new HashSet<>()).add(cols[1]);
      }
    }
    out.replaceAll((q, docs) -> Collections.unmodifiableSet(docs));
    return Collections.unmodifiableMap(out);
  }
}
