package io.kubervisor.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A line chart as SVG text: named series of points over linear axes that start at zero, and optionally a dashed
 * horizontal line for a target.
 */
final class SvgLineChart {

  record Point(double x, double y) {}

  private record Series(String name, List<Point> points) {}

  private static final int WIDTH = 640;
  private static final int HEIGHT = 400;
  private static final int LEFT = 80;
  private static final int RIGHT = 24;
  private static final int TOP = 48;
  private static final int BOTTOM = 56;
  private static final int TICKS = 5;
  private static final List<String> COLOURS = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b");
  private static final String TARGET_COLOUR = "#d62728";

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private Double target;
  private String targetLabel;

  SvgLineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  SvgLineChart series(String name, List<Point> points) {
    series.add(new Series(name, points.stream().sorted(Comparator.comparingDouble(Point::x)).toList()));
    return this;
  }

  SvgLineChart target(double y, String label) {
    target = y;
    targetLabel = label;
    return this;
  }

  String render() {
    List<Point> all = series.stream().flatMap(s -> s.points().stream()).toList();
    double xStep = niceStep(all.stream().mapToDouble(Point::x).max().orElse(1) / TICKS);
    double xMax = axisMax(all.stream().mapToDouble(Point::x).max().orElse(1), xStep);
    double yTop = Math.max(all.stream().mapToDouble(Point::y).max().orElse(1), target == null ? 0 : target);
    double yStep = niceStep(yTop * 1.1 / TICKS);
    double yMax = axisMax(yTop * 1.1, yStep);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    svg.append(text(WIDTH / 2.0, 22, "middle", 15, title));
    axes(svg, xStep, xMax, yStep, yMax);
    if (target != null) {
      double y = y(target, yMax);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
          + "stroke-dasharray=\"6 4\"/>%n", LEFT, y, WIDTH - RIGHT, y, TARGET_COLOUR));
      svg.append(text(WIDTH - RIGHT - 4, y - 5, "end", 11, targetLabel, "fill=\"" + TARGET_COLOUR + "\""));
    }
    for (int i = 0; i < series.size(); i++) {
      plot(svg, series.get(i), COLOURS.get(i % COLOURS.size()), xMax, yMax, i);
    }
    if (all.isEmpty()) {
      svg.append(text(WIDTH / 2.0, HEIGHT / 2.0, "middle", 13, "no data"));
    }
    return svg.append("</svg>\n").toString();
  }

  private void axes(StringBuilder svg, double xStep, double xMax, double yStep, double yMax) {
    double bottom = HEIGHT - BOTTOM;
    for (double x = 0; x <= xMax + xStep / 2; x += xStep) {
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          x(x, xMax), TOP, x(x, xMax), bottom));
      svg.append(text(x(x, xMax), bottom + 16, "middle", 11, tick(x, xStep)));
    }
    for (double y = 0; y <= yMax + yStep / 2; y += yStep) {
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          LEFT, y(y, yMax), WIDTH - RIGHT, y(y, yMax)));
      svg.append(text(LEFT - 6, y(y, yMax) + 4, "end", 11, tick(y, yStep)));
    }
    svg.append(String.format(Locale.ROOT, "<polyline points=\"%d,%d %d,%.1f %d,%.1f\" fill=\"none\" "
        + "stroke=\"#333\"/>%n", LEFT, TOP, LEFT, bottom, WIDTH - RIGHT, bottom));
    svg.append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 14, "middle", 12, xLabel));
    double middle = TOP + (bottom - TOP) / 2;
    svg.append(text(16, middle, "middle", 12, yLabel,
        String.format(Locale.ROOT, "transform=\"rotate(-90 16 %.1f)\"", middle)));
  }

  private void plot(StringBuilder svg, Series line, String colour, double xMax, double yMax, int index) {
    String points = line.points().stream()
        .map(p -> String.format(Locale.ROOT, "%.1f,%.1f", x(p.x(), xMax), y(p.y(), yMax)))
        .collect(Collectors.joining(" "));
    svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
        points, colour));
    for (Point p : line.points()) {
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n",
          x(p.x(), xMax), y(p.y(), yMax), colour));
    }
    double legendY = TOP + 14 + index * 16;
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"3\" fill=\"%s\"/>%n",
        LEFT + 10, legendY - 4, colour));
    svg.append(text(LEFT + 28, legendY, "start", 11, line.name()));
  }

  private static double x(double value, double xMax) {
    return LEFT + value / xMax * (WIDTH - LEFT - RIGHT);
  }

  private static double y(double value, double yMax) {
    return HEIGHT - BOTTOM - value / yMax * (HEIGHT - TOP - BOTTOM);
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / power;
    return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  }

  private static double axisMax(double max, double step) {
    return Math.max(step, Math.ceil(max / step) * step);
  }

  private static String tick(double value, double step) {
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  private static String text(double x, double y, String anchor, int size, String content) {
    return text(x, y, anchor, size, content, "");
  }

  private static String text(double x, double y, String anchor, int size, String content, String attributes) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" %s>%s</text>%n",
        x, y, anchor, size, attributes, escape(content));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
