package io.quarry.bench.compare;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a line chart as a self-contained inline SVG string: one polyline per series over evenly
 * spaced x positions (the runs), a y axis from 0 to {@code yMax} with five grid lines, a point
 * with a tooltip ({@code <title>}) per value, and a legend below. A missing value ({@code NaN})
 * breaks its line. Pure function; output is deterministic (Locale.ROOT, 1 decimal coordinates).
 */
public final class SvgLineChart {

  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
      "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  private static final int WIDTH = 640;
  private static final int PLOT_HEIGHT = 220;
  private static final int LEFT = 60;
  private static final int RIGHT = 30;
  private static final int TOP = 30;
  private static final int LEGEND_LINE = 18;

  private SvgLineChart() {}

  /**
   * @param title chart title
   * @param xLabels one label per x position (run numbers)
   * @param series name to values, each array as long as {@code xLabels}; at most ten series get
   *     distinct colours, further ones reuse them
   * @param yMax top of the y axis; when not positive, 1.1 &times; the largest value (or 1)
   * @param valueFormat format of tooltip and axis values, e.g. {@code %.4f}
   */
  public static String render(String title, List<String> xLabels, Map<String, double[]> series,
      double yMax, String valueFormat) {
    double top = yMax > 0 ? yMax : autoMax(series);
    int height = TOP + PLOT_HEIGHT + 40 + LEGEND_LINE * series.size();
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
        + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
        WIDTH, height, WIDTH, height));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\""
        + " font-weight=\"bold\">%s</text>%n", LEFT, Html.escape(title)));
    for (int i = 0; i <= 5; i++) {
      double v = top * i / 5;
      double y = y(v, top);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
          + " stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
          LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, Html.escape(
              String.format(Locale.ROOT, valueFormat, v))));
    }
    for (int i = 0; i < xLabels.size(); i++) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
          + "%s</text>%n", x(i, xLabels.size()), TOP + PLOT_HEIGHT + 16,
          Html.escape(xLabels.get(i))));
    }
    int s = 0;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      String color = COLORS[s % COLORS.length];
      appendSeries(svg, e.getKey(), e.getValue(), xLabels, top, color, valueFormat);
      int ly = TOP + PLOT_HEIGHT + 34 + LEGEND_LINE * s;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\""
          + " fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n", LEFT, ly - 10, color, LEFT + 18,
          ly, Html.escape(e.getKey())));
      s++;
    }
    return svg.append("</svg>\n").toString();
  }

  private static void appendSeries(StringBuilder svg, String name, double[] values,
      List<String> xLabels, double top, String color, String valueFormat) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i <= values.length; i++) {
      boolean present = i < values.length && !Double.isNaN(values[i]);
      if (present) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, values.length),
            y(values[i], top)));
      } else if (!points.isEmpty()) {
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\""
            + " stroke-width=\"2\" points=\"%s\"/>%n", color, points.toString().strip()));
        points.setLength(0);
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\""
            + " fill=\"%s\"><title>%s run %s: %s</title></circle>%n", x(i, values.length),
            y(values[i], top), color, Html.escape(name), Html.escape(xLabels.get(i)),
            String.format(Locale.ROOT, valueFormat, values[i])));
      }
    }
  }

  private static double autoMax(Map<String, double[]> series) {
    double max = 0;
    for (double[] values : series.values()) {
      for (double v : values) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    return max > 0 ? max * 1.1 : 1.0;
  }

  private static double x(int i, int n) {
    double width = WIDTH - LEFT - RIGHT;
    return n <= 1 ? LEFT + width / 2 : LEFT + 10 + (width - 20) * i / (n - 1);
  }

  private static double y(double v, double top) {
    return TOP + PLOT_HEIGHT - PLOT_HEIGHT * Math.min(v, top) / top;
  }
}
