package io.quarry.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.run.RunJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  @TempDir
  Path tmp;

  @Test
  void should_write_report_with_svg_plots_when_history_has_runs() throws IOException {
    RunJson.write(tmp.resolve("0001.json"), ComparisonTest.run(
        ComparisonTest.row("scifact", "factual", "bm25", 0.6974, 12.5)));
    RunJson.write(tmp.resolve("0002.json"), ComparisonTest.run(
        ComparisonTest.row("scifact", "factual", "bm25", 0.7010, 11.0),
        ComparisonTest.row("rtqa", "freshness", "auto", 0.64, 40.0)));

    Path report = HtmlReport.write(tmp);

    assertEquals(tmp.resolve("report.html"), report);
    String html = Files.readString(report);
    assertTrue(html.contains("<svg"), html);
    // 2 categories x 2 charts
    assertEquals(4, html.split("<svg ", -1).length - 1);
    assertTrue(html.contains("factual: nDCG@10"));
    assertTrue(html.contains("scifact / bm25 run 0002: 0.7010"), html);
    assertTrue(html.contains("<td>rtqa</td><td>auto</td><td>10</td><td>0.6400</td>"), html);
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"));
  }

  @Test
  void should_fail_when_history_is_empty() {
    IOException e = assertThrows(IOException.class, () -> HtmlReport.write(tmp));
    assertTrue(e.getMessage().startsWith("no numbered runs"), e.getMessage());
  }

  @Test
  void should_break_line_when_value_missing() {
    String svg = SvgLineChart.render("t", java.util.List.of("0001", "0002", "0003"),
        java.util.Map.of("s", new double[] {1, Double.NaN, 2}), 0, "%.1f");
    assertEquals(2, svg.split("<polyline", -1).length - 1);
    assertEquals(2, svg.split("<circle", -1).length - 1);
  }
}
