package io.quarry.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.run.RunJson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  @TempDir
  Path tmp;

  @Test
  void should_write_report_with_png_plots_when_history_has_runs() throws IOException {
    RunJson.write(tmp.resolve("0001.json"), ComparisonTest.run(
        ComparisonTest.row("scifact", "factual", "bm25", 0.6974, 12.5)));
    RunJson.write(tmp.resolve("0002.json"), ComparisonTest.run(
        ComparisonTest.row("scifact", "factual", "bm25", 0.7010, 11.0),
        ComparisonTest.row("rtqa", "freshness", "auto", 0.64, 40.0)));

    Path report = HtmlReport.write(tmp);

    assertEquals(tmp.resolve("report.html"), report);
    String html = Files.readString(report);
    for (String png : new String[] {"latency-p50.png", "latency-p95.png", "quality-ndcg.png",
        "latency-distribution.png", "trend-ndcg.png", "trend-p50.png"}) {
      assertTrue(html.contains("<img src=\"" + png + "\""), png + " in " + html);
      BufferedImage image = ImageIO.read(tmp.resolve(png).toFile());
      assertEquals(Plots.WIDTH, image.getWidth(), png);
      assertEquals(Plots.HEIGHT, image.getHeight(), png);
      assertTrue(colours(image) > 3, png + " is drawn, not blank");
    }
    assertTrue(html.contains("<td>rtqa</td><td>auto</td><td>10</td><td>0.6400</td>"), html);
    assertFalse(html.contains("peers-p50.png"), "no peers ran: no peers plot");
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("http://") || html.contains("https://"));
  }

  @Test
  void should_draw_the_peers_beside_quarry_when_a_run_has_peer_rows() throws IOException {
    var bm25 = ComparisonTest.row("scifact", "factual", "bm25", 0.6974, 3.1);
    RunJson.write(tmp.resolve("0001.json"), ComparisonTest.run(bm25,
        ComparisonTest.row("scifact", "factual", "anserini:bm25", 0.6974, 2.2).versus(bm25)));

    String html = Files.readString(HtmlReport.write(tmp));

    for (String png : new String[] {"peers-p50.png", "peers-ndcg.png"}) {
      assertTrue(html.contains("<img src=\"" + png + "\""), png + " in " + html);
      assertTrue(colours(ImageIO.read(tmp.resolve(png).toFile())) > 3, png + " is drawn, not blank");
    }
    assertTrue(html.contains("anserini:bm25"), html);
  }

  private static int colours(BufferedImage image) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }

  @Test
  void should_fail_when_history_is_empty() {
    IOException e = assertThrows(IOException.class, () -> HtmlReport.write(tmp));
    assertTrue(e.getMessage().startsWith("no numbered runs"), e.getMessage());
  }
}
