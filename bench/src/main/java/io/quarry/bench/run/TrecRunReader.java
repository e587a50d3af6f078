package io.quarry.bench.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a TREC run file ({@code qid Q0 docid rank score tag}, whitespace separated, optionally
 * gzipped) into rankings ordered the way trec_eval orders them: score descending, ties by document
 * id descending; the rank column is ignored. Unlike trec_eval, which refuses a query listing a
 * document twice, a later duplicate is dropped (the metrics' rule), so runs such as the shared
 * RealTime QA GCS run can be re-scored.
 */
public final class TrecRunReader {

  private record Line(String docId, double score) {}

  private TrecRunReader() {}

  /** Query id to document ids, best first, queries in file order. */
  public static Map<String, List<String>> read(Path file) throws IOException {
    Map<String, List<Line>> byQuery = new LinkedHashMap<>();
    var in0 = Files.newInputStream(file);
    var in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in0) : in0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cols = line.strip().split("\\s+");
        if (cols.length != 6) {
          throw new IOException(file + ": line " + lineNo
              + ": expected 6 columns 'qid Q0 docid rank score tag', found '" + line + "'");
        }
        double score;
        try {
          score = Double.parseDouble(cols[4]);
        } catch (NumberFormatException e) {
          throw new IOException(file + ": line " + lineNo + ": illegal score '" + cols[4] + "'");
        }
        byQuery.computeIfAbsent(cols[0], q -> new ArrayList<>()).add(new Line(cols[2], score));
      }
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    Comparator<Line> trecOrder = Comparator.comparingDouble(Line::score).reversed()
        .thenComparing(Line::docId, Comparator.reverseOrder());
    byQuery.forEach((qid, lines) -> {
      lines.sort(trecOrder);
      LinkedHashSet<String> ids = new LinkedHashSet<>();
      lines.forEach(l -> ids.add(l.docId()));
      out.put(qid, List.copyOf(ids));
    });
    return out;
  }
}
