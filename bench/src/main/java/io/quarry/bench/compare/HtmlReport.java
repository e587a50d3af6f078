package io.quarry.bench.compare;

import io.quarry.bench.run.History;
import io.quarry.bench.run.ResultRow;
import io.quarry.bench.run.RunFile;
import io.quarry.bench.run.RunJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report}: writes {@code report.html} into the history directory, with the PNG plots of
 * {@link Plots} beside it (latency and quality per category and mode, the latency percentiles, the
 * trend across the numbered runs), then a table of the latest run's rows. Static files: no
 * scripts, nothing fetched from the network.
 */
public final class HtmlReport {

  /** The report's file name inside the history directory. */
  public static final String FILE_NAME = "report.html";

  private HtmlReport() {}

  /**
   * Writes the report for the runs in {@code historyDir}.
   *
   * @return the written file
   * @throws IOException when there is no numbered run or a run cannot be read
   */
  public static Path write(Path historyDir) throws IOException {
    List<Path> files = History.runs(historyDir);
    if (files.isEmpty()) {
      throw new IOException("no numbered runs (0001.json, ...) in " + historyDir);
    }
    List<RunFile> runs = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Path f : files) {
      runs.add(RunJson.read(f));
      labels.add(String.format(Locale.ROOT, "%04d", History.number(f)));
    }
    Path out = historyDir.resolve(FILE_NAME);
    List<Plots.Plot> plots = Plots.write(historyDir, runs, labels);
    Files.writeString(out, html(runs, labels, plots));
    return out;
  }

  /** The report page for runs labelled {@code labels} (oldest first), showing {@code plots}. */
  static String html(List<RunFile> runs, List<String> labels, List<Plots.Plot> plots) {
    StringBuilder page = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Quarry benchmark report</title>
        <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
        td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
        td:nth-child(-n+3),th:nth-child(-n+3){text-align:left}</style></head><body>
        """);
    RunFile latest = runs.get(runs.size() - 1);
    page.append(String.format(Locale.ROOT, "<h1>Quarry benchmark: %s</h1>%n<p>%d runs; latest"
        + " %s started %s at git %s</p>%n", Html.escape(latest.suite()), runs.size(),
        labels.get(labels.size() - 1), Html.escape(latest.started()), Html.escape(latest.git())));
    for (Plots.Plot plot : plots) {
      page.append("<figure><img src=\"").append(Html.escape(plot.file())).append("\" alt=\"")
          .append(Html.escape(plot.title())).append("\" width=\"").append(Plots.WIDTH).append("\"><figcaption>")
          .append(Html.escape(plot.title())).append("</figcaption></figure>\n");
    }
    page.append("<h2>Latest run (").append(labels.get(labels.size() - 1)).append(")</h2>\n");
    page.append(table(latest.results())).append("</body></html>\n");
    return page.toString();
  }

  private static String table(List<ResultRow> rows) {
    StringBuilder t = new StringBuilder("<table>\n<tr><th>category</th><th>set</th><th>mode</th>"
        + "<th>queries</th><th>nDCG@10</th><th>R@2</th><th>R@5</th><th>R@10</th><th>R@100</th>"
        + "<th>MRR@10</th><th>fresh@10</th><th>leak@10</th><th>stale@1</th><th>p50 ms</th>"
        + "<th>p95 ms</th><th>p99 ms</th><th>partial</th></tr>\n");
    for (ResultRow r : rows.stream().sorted(java.util.Comparator.comparing(ResultRow::category)
        .thenComparing(ResultRow::set)).toList()) {
      t.append("<tr><td>").append(Html.escape(r.category())).append("</td><td>")
          .append(Html.escape(r.set())).append("</td><td>").append(Html.escape(r.mode()))
          .append("</td><td>").append(r.queries()).append("</td>");
      for (Double v : new Double[] {r.ndcg10(), r.recall2(), r.recall5(), r.recall10(),
          r.recall100(), r.mrr10(), r.fresh10(), r.futureLeak10(), r.staleAnswer1()}) {
        t.append("<td>").append(v == null ? "-" : String.format(Locale.ROOT, "%.4f", v))
            .append("</td>");
      }
      t.append(String.format(Locale.ROOT, "<td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.4f</td>"
          + "</tr>%n", r.p50Ms(), r.p95Ms(), r.p99Ms(), r.partialRate()));
    }
    return t.append("</table>\n").toString();
  }
}
