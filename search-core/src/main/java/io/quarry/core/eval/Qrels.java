package io.quarry.core.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Graded relevance judgments: query id to document id to grade.
 *
 * <p>Read from the BEIR TSV form: a header line {@code query-id<TAB>corpus-id<TAB>score}, then one
 * judgment per line. Grades are integers &ge; 0; a document is relevant when its grade is &gt; 0.
 * A (query, document) pair judged twice is an error, as it is for trec_eval. Blank lines are
 * skipped and a trailing carriage return is stripped.
 *
 * <p>Immutable and thread-safe. Memory is one map entry per judgment.
 */
public final class Qrels {

  /** The header line every qrels file must start with. */
  public static final String HEADER = "query-id\tcorpus-id\tscore";

  private final Map<String, Map<String, Integer>> byQuery;

  private Qrels(Map<String, Map<String, Integer>> byQuery) {
    this.byQuery = byQuery;
  }

  /**
   * Judgments from a map of query id to document id to grade.
   *
   * @throws IllegalArgumentException when a grade is negative or an id is blank
   */
  public static Qrels of(Map<String, Map<String, Integer>> judgments) {
    Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
    judgments.forEach((qid, grades) -> {
      requireId(qid, "query id");
      Map<String, Integer> inner = new LinkedHashMap<>();
      grades.forEach((docId, grade) -> {
        requireId(docId, "document id");
        inner.put(docId, requireGrade(grade, qid, docId));
      });
      copy.put(qid, Collections.unmodifiableMap(inner));
    });
    return new Qrels(Collections.unmodifiableMap(copy));
  }

  /**
   * Reads a qrels TSV file (UTF-8).
   *
   * @throws IOException when the file cannot be read or a line is malformed (the message names
   *     the file and line)
   */
  public static Qrels read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    }
  }

  /**
   * Parses qrels TSV text.
   *
   * @param source name used in error messages
   * @throws IOException when a line is malformed
   */
  public static Qrels parse(Reader reader, String source) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String header = in.readLine();
    if (header == null || !stripCr(header).equals(HEADER)) {
      throw new IOException(source + ": line 1: expected header '"
          + HEADER.replace("\t", "<TAB>") + "', found '" + header + "'");
    }
    Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
    String line;
    int lineNo = 1;
    while ((line = in.readLine()) != null) {
      lineNo++;
      line = stripCr(line);
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length != 3 || cols[0].isBlank() || cols[1].isBlank()) {
        throw new IOException(source + ": line " + lineNo
            + ": expected 3 tab-separated columns query-id, corpus-id, score; found '" + line + "'");
      }
      int grade;
      try {
        grade = Integer.parseInt(cols[2].strip());
      } catch (NumberFormatException e) {
        throw new IOException(source + ": line " + lineNo + ": illegal score '" + cols[2]
            + "', must be an integer >= 0");
      }
      if (grade < 0) {
        throw new IOException(source + ": line " + lineNo + ": illegal score " + grade
            + ", must be an integer >= 0");
      }
      Integer previous = judgments.computeIfAbsent(cols[0], q -> new LinkedHashMap<>())
          .put(cols[1], grade);
      if (previous != null) {
        throw new IOException(source + ": line " + lineNo + ": duplicate judgment for query '"
            + cols[0] + "' and document '" + cols[1] + "'");
      }
    }
    return of(judgments);
  }

  /** The judged grades of a query, document id to grade; empty when the query is not judged. */
  public Map<String, Integer> grades(String queryId) {
    return byQuery.getOrDefault(queryId, Map.of());
  }

  /** Number of documents with grade &gt; 0 for the query. */
  public int relevantCount(String queryId) {
    return RankingMetrics.relevantCount(grades(queryId));
  }

  /** True when the query has at least one document with grade &gt; 0. */
  public boolean hasRelevant(String queryId) {
    return relevantCount(queryId) > 0;
  }

  /** Ids of every judged query, in file order. */
  public Set<String> queryIds() {
    return byQuery.keySet();
  }

  /** Total number of judgments. */
  public int judgmentCount() {
    return byQuery.values().stream().mapToInt(Map::size).sum();
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static void requireId(String id, String what) {
    Objects.requireNonNull(id, what);
    if (id.isBlank()) {
      throw new IllegalArgumentException("illegal " + what + ": must not be blank");
    }
  }

  private static int requireGrade(Integer grade, String qid, String docId) {
    Objects.requireNonNull(grade, "grade");
    if (grade < 0) {
      throw new IllegalArgumentException("illegal grade: " + grade + " for query '" + qid
          + "' and document '" + docId + "', must be >= 0");
    }
    return grade;
  }
}
