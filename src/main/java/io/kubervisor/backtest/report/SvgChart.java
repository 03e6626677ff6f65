package io.kubervisor.backtest.report;

import io.kubervisor.analysis.Numbers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One inline SVG chart of values over the backtest's window: a grid with time and value labels, then lines, levels,
 * bands and markers, each with a tooltip. No script and no font files, so the report renders offline anywhere.
 */
final class SvgChart {

  static final int WIDTH = 960;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 10;
  private static final int BOTTOM = 24;
  private static final int TIME_LABELS = 6;
  private static final int VALUE_LABELS = 4;

  /** A value at an instant; a null value breaks the line there. */
  record Point(Instant time, Double value) {}

  private final int height;
  private final Instant from;
  private final Instant to;
  private final double low;
  private final double high;
  private final StringBuilder shapes = new StringBuilder();

  /** A chart whose value axis spans at least {@code min} to {@code max}, widened to round numbers. */
  SvgChart(int height, Instant from, Instant to, double min, double max, Times times) {
    this.height = height;
    this.from = from;
    this.to = to;
    double step = roundStep(max > min ? (max - min) / VALUE_LABELS : Math.max(1, Math.abs(max)));
    this.low = Math.floor(min / step) * step;
    this.high = Math.max(low + step, Math.ceil(max / step) * step);
    for (double value = low; value <= high + step / 2; value += step) {
      shapes.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(Html.number(y(value))).append("\" y2=\"").append(Html.number(y(value)))
          .append("\"/><text class=\"label\" x=\"").append(LEFT - 6).append("\" y=\"")
          .append(Html.number(y(value) + 4)).append("\" text-anchor=\"end\">").append(Numbers.format(value))
          .append("</text>");
    }
    for (int i = 0; i < TIME_LABELS; i++) {
      Instant t = from.plus(Duration.between(from, to).multipliedBy(i).dividedBy(TIME_LABELS - 1));
      String anchor = i == 0 ? "start" : i == TIME_LABELS - 1 ? "end" : "middle";
      shapes.append("<text class=\"label\" x=\"").append(Html.number(x(t))).append("\" y=\"").append(height - 6)
          .append("\" text-anchor=\"").append(anchor).append("\">").append(times.format(t)).append("</text>");
    }
  }

  /** 1, 2 or 5 times a power of ten, the nearest above {@code raw}. */
  private static double roundStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double factor : new double[] {1, 2, 5}) {
      if (factor * magnitude >= raw) {
        return factor * magnitude;
      }
    }
    return 10 * magnitude;
  }

  double x(Instant t) {
    double span = Math.max(1, Duration.between(from, to).toMillis());
    return LEFT + Duration.between(from, t).toMillis() / span * (WIDTH - LEFT - RIGHT);
  }

  double y(double value) {
    return TOP + (high - value) / (high - low) * (height - TOP - BOTTOM);
  }

  /** A line through the points, broken where a value is missing, at most two points per pixel column. */
  void line(List<Point> points, String attributes, String title) {
    StringBuilder path = new StringBuilder();
    List<Point> segment = new ArrayList<>();
    for (Point point : points) {
      if (point.value() == null) {
        draw(path, segment);
        segment.clear();
      } else {
        segment.add(point);
      }
    }
    draw(path, segment);
    if (!path.isEmpty()) {
      shapes.append("<path ").append(attributes).append(" d=\"").append(path.toString().strip()).append("\"><title>")
          .append(Html.escape(title)).append("</title></path>");
    }
  }

  /** A line that holds each value until the next point, as a count does. */
  void steps(List<Point> points, String attributes, String title) {
    List<Point> stepped = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      Point point = points.get(i);
      if (i > 0 && !point.value().equals(points.get(i - 1).value())) {
        stepped.add(new Point(point.time(), points.get(i - 1).value()));
      }
      if (i == 0 || i == points.size() - 1 || !point.value().equals(points.get(i - 1).value())) {
        stepped.add(point);
      }
    }
    line(stepped, attributes, title);
  }

  private void draw(StringBuilder path, List<Point> segment) {
    String move = "M";
    for (Point point : thinned(segment)) {
      path.append(move).append(Html.number(x(point.time()))).append(',').append(Html.number(y(point.value())))
          .append(' ');
      move = "L";
    }
  }

  /** Per pixel column, the lowest and highest points in time order, so that no spike is lost. */
  private List<Point> thinned(List<Point> segment) {
    int columns = WIDTH - LEFT - RIGHT;
    if (segment.size() <= 2 * columns) {
      return segment;
    }
    List<Point> thinned = new ArrayList<>();
    int column = -1;
    Point lowest = null;
    Point highest = null;
    for (Point point : segment) {
      int here = (int) (x(point.time()) - LEFT);
      if (here != column && lowest != null) {
        addInOrder(thinned, lowest, highest);
        lowest = null;
        highest = null;
      }
      column = here;
      lowest = lowest == null || point.value() < lowest.value() ? point : lowest;
      highest = highest == null || point.value() > highest.value() ? point : highest;
    }
    addInOrder(thinned, lowest, highest);
    return thinned;
  }

  private static void addInOrder(List<Point> points, Point a, Point b) {
    if (a == b) {
      points.add(a);
    } else if (a.time().isBefore(b.time())) {
      points.add(a);
      points.add(b);
    } else {
      points.add(b);
      points.add(a);
    }
  }

  /** A horizontal level across the chart, labelled at its right end. */
  void level(double value, String cssClass, String label) {
    String y = Html.number(y(value));
    shapes.append("<line class=\"").append(cssClass).append("\" x1=\"").append(LEFT).append("\" x2=\"")
        .append(WIDTH - RIGHT).append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"><title>")
        .append(Html.escape(label)).append("</title></line><text class=\"level-label\" x=\"").append(WIDTH - RIGHT - 4)
        .append("\" y=\"").append(Html.number(y(value) - 4)).append("\" text-anchor=\"end\">")
        .append(Html.escape(label)).append("</text>");
  }

  /** A shaded stretch of time, behind what is drawn after it. */
  void band(Instant start, Instant end, String cssClass, String title) {
    double left = x(start);
    shapes.append("<rect class=\"").append(cssClass).append("\" x=\"").append(Html.number(left)).append("\" y=\"")
        .append(TOP).append("\" width=\"").append(Html.number(Math.max(1, x(end) - left))).append("\" height=\"")
        .append(height - TOP - BOTTOM).append("\"><title>").append(Html.escape(title)).append("</title></rect>");
  }

  /** A dot at a value, such as an ejection. */
  void dot(Instant t, double value, String fill, String cssClass, String title) {
    shapes.append("<circle class=\"").append(cssClass).append("\" cx=\"").append(Html.number(x(t))).append("\" cy=\"")
        .append(Html.number(y(value))).append("\" r=\"5\" fill=\"").append(fill).append("\"><title>")
        .append(Html.escape(title)).append("</title></circle>");
  }

  /** A mark on the time axis, such as an activator's step: a triangle pointing up. */
  void mark(Instant t, String cssClass, String title) {
    double x = x(t);
    double base = height - BOTTOM;
    shapes.append("<path class=\"").append(cssClass).append("\" d=\"M").append(Html.number(x - 5)).append(',')
        .append(Html.number(base)).append(" L").append(Html.number(x + 5)).append(',').append(Html.number(base))
        .append(" L").append(Html.number(x)).append(',').append(Html.number(base - 9)).append(" Z\"><title>")
        .append(Html.escape(title)).append("</title></path>");
  }

  String svg(String description) {
    return "<svg class=\"chart\" viewBox=\"0 0 " + WIDTH + " " + height + "\" role=\"img\" aria-label=\""
        + Html.escape(description) + "\"><rect class=\"plot\" x=\"" + LEFT + "\" y=\"" + TOP + "\" width=\""
        + (WIDTH - LEFT - RIGHT) + "\" height=\"" + (height - TOP - BOTTOM) + "\"/>" + shapes + "</svg>";
  }
}
