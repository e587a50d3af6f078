package io.quarry.bench.compare;

import io.quarry.bench.run.ResultRow;
import io.quarry.bench.run.RunFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's plots, drawn by JFreeChart and written as PNG files beside {@code report.html}
 * (for a README as much as for the page): latency and quality per set, category and mode, the
 * latency percentiles of each row, and the trend over the numbered runs. Peers are modes of
 * their own ({@code anserini:bm25}), so they stand beside Quarry's modes in every plot.
 */
public final class Plots {

  static final int WIDTH = 900;
  static final int HEIGHT = 480;

  /** One written plot: its file name and what it shows. */
  public record Plot(String file, String title) {}

  private Plots() {}

  /**
   * Writes every plot of {@code runs} (oldest first, labelled {@code labels}) into {@code dir}.
   *
   * @return the plots written, in the order a reader should see them
   */
  public static List<Plot> write(Path dir, List<RunFile> runs, List<String> labels) throws IOException {
    System.setProperty("java.awt.headless", "true"); // no display on a server or in CI
    RunFile latest = runs.get(runs.size() - 1);
    List<ResultRow> rows = latest.results().stream()
        .sorted(Comparator.comparing(ResultRow::category).thenComparing(ResultRow::set).thenComparing(ResultRow::mode))
        .toList();
    List<Plot> out = new ArrayList<>();
    out.add(bars(dir, "latency-p50.png", "P50 latency (ms) per category and mode, run " + last(labels), "ms", rows,
        ResultRow::p50Ms));
    out.add(bars(dir, "latency-p95.png", "P95 latency (ms) per category and mode, run " + last(labels), "ms", rows,
        ResultRow::p95Ms));
    out.add(bars(dir, "quality-ndcg.png", "nDCG@10 per category and mode, run " + last(labels), "nDCG@10", rows,
        ResultRow::ndcg10));
    out.add(percentiles(dir, rows, last(labels)));
    if (rows.stream().anyMatch(ResultRow::isPeer)) {
      out.add(peers(dir, "peers-p50.png", "P50 latency (ms): Quarry's modes and the peers run beside them, run "
          + last(labels), "ms", rows, ResultRow::p50Ms));
      out.add(peers(dir, "peers-ndcg.png", "nDCG@10: Quarry's modes and the peers run beside them, run "
          + last(labels), "nDCG@10", rows, ResultRow::ndcg10));
    }
    out.add(trend(dir, "trend-ndcg.png", "nDCG@10 over the runs", "nDCG@10", runs, labels, ResultRow::ndcg10));
    out.add(trend(dir, "trend-p50.png", "P50 latency (ms) over the runs", "ms", runs, labels, ResultRow::p50Ms));
    return out;
  }

  private static String last(List<String> labels) {
    return labels.get(labels.size() - 1);
  }

  /** Grouped bars: a group per set and category, a bar per mode. */
  private static Plot bars(Path dir, String file, String title, String axis, List<ResultRow> rows,
      ToDoubleFunction<ResultRow> value) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ResultRow r : rows) {
      data.addValue(value.applyAsDouble(r), r.mode(), r.set() + " / " + r.category());
    }
    JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.VERTICAL, true, false,
        false);
    style(chart);
    ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), chart, WIDTH, HEIGHT);
    return new Plot(file, title);
  }

  /**
   * The peers beside Quarry: a group per set, category and Quarry mode that a peer ran beside,
   * holding that Quarry row (series {@code quarry}) and each peer row compared with it.
   */
  private static Plot peers(Path dir, String file, String title, String axis, List<ResultRow> rows,
      ToDoubleFunction<ResultRow> value) throws IOException {
    java.util.Set<String> compared = new java.util.HashSet<>();
    rows.stream().filter(r -> r.isPeer() && r.vs() != null)
        .forEach(r -> compared.add(r.set() + " / " + r.category() + " / " + r.vs()));
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ResultRow r : rows) {
      String group = r.set() + " / " + r.category() + " / " + (r.isPeer() ? r.vs() : r.mode());
      if (compared.contains(group)) {
        data.addValue(value.applyAsDouble(r), r.isPeer() ? r.mode() : "quarry", group);
      }
    }
    JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.VERTICAL, true, false,
        false);
    style(chart);
    ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), chart, WIDTH, HEIGHT);
    return new Plot(file, title);
  }

  /** The latency distribution of each row as its percentiles: a line per set, category and mode. */
  private static Plot percentiles(Path dir, List<ResultRow> rows, String label) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ResultRow r : rows) {
      String series = r.set() + " / " + r.category() + " / " + r.mode();
      data.addValue(r.p50Ms(), series, "P50");
      data.addValue(r.p95Ms(), series, "P95");
      data.addValue(r.p99Ms(), series, "P99");
    }
    String title = "Latency distribution (ms at P50, P95, P99), run " + label;
    JFreeChart chart = ChartFactory.createLineChart(title, "percentile", "ms", data, PlotOrientation.VERTICAL, true,
        false, false);
    style(chart);
    lines(chart);
    ChartUtils.saveChartAsPNG(dir.resolve("latency-distribution.png").toFile(), chart, WIDTH, HEIGHT);
    return new Plot("latency-distribution.png", title);
  }

  /** A line per set, category and mode across the numbered runs; a gap where a run lacks the row. */
  private static Plot trend(Path dir, String file, String title, String axis, List<RunFile> runs, List<String> labels,
      ToDoubleFunction<ResultRow> value) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    Map<String, Double[]> series = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      for (ResultRow r : runs.get(i).results()) {
        String key = r.set() + " / " + r.category() + " / " + r.mode();
        series.computeIfAbsent(key, k -> new Double[runs.size()])[i] = value.applyAsDouble(r);
      }
    }
    series.forEach((key, values) -> {
      for (int i = 0; i < values.length; i++) {
        data.addValue(values[i], key, labels.get(i)); // null: JFreeChart leaves a gap
      }
    });
    JFreeChart chart = ChartFactory.createLineChart(title, "run", axis, data, PlotOrientation.VERTICAL, true, false,
        false);
    style(chart);
    lines(chart);
    ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), chart, WIDTH, HEIGHT);
    return new Plot(file, title);
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xD9DEE3));
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
  }

  private static void lines(JFreeChart chart) {
    LineAndShapeRenderer renderer = (LineAndShapeRenderer) chart.getCategoryPlot().getRenderer();
    renderer.setDefaultShapesVisible(true);
    renderer.setDefaultStroke(new BasicStroke(2f));
    renderer.setAutoPopulateSeriesStroke(false);
  }
}
