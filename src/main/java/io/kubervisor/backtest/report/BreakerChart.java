package io.kubervisor.backtest.report;

import io.kubervisor.analysis.Numbers;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.OutlierDetector;
import io.kubervisor.backtest.Decision;
import io.kubervisor.backtest.Run;
import io.kubervisor.backtest.Timeline;
import io.kubervisor.backtest.Window;
import io.kubervisor.backtest.report.SvgChart.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One breaker's chart: each pod's value by the breaker's rule at its evaluations, the bound it is judged by (a fixed
 * threshold, or the fleet's median or mean for the rules that compare pods with each other), its ejections as dots on
 * the values and the activator's steps as marks on the time axis.
 */
final class BreakerChart {

  private static final int HEIGHT = 260;

  private final Run run;
  private final BreakerSpec breaker;
  private final Map<String, String> colors;
  private final List<Instant> evaluations = new ArrayList<>();
  private final Map<String, List<Point>> series = new LinkedHashMap<>();

  private BreakerChart(Run run, BreakerSpec breaker, Map<String, String> colors) {
    this.run = run;
    this.breaker = breaker;
    this.colors = colors;
    colors.keySet().forEach(pod -> series.put(pod, new ArrayList<>()));
    for (Timeline.Frame frame : run.result().timeline().frames()) {
      Map<String, Double> values = frame.values().get(breaker.name);
      if (values != null) {
        evaluations.add(frame.time());
        series.forEach((pod, points) -> points.add(new Point(frame.time(), values.get(pod))));
      }
    }
  }

  /** The chart over the window, or a sentence when the breaker never had a value. */
  static String render(Run run, BreakerSpec breaker, Map<String, String> colors, Window window, Times times) {
    return new BreakerChart(run, breaker, colors).render(window, times);
  }

  /** What the values are, by the breaker's rule. */
  static String measure(BreakerSpec breaker) {
    if (breaker.discreteValueOutOfList != null) {
      return "share of bad events (%) per pod";
    }
    if (breaker.trend != null) {
      return "slope per second" + (breaker.trend.fleetRelative ? " above the fleet's median" : "") + " per pod";
    }
    return "value per pod";
  }

  private String render(Window window, Times times) {
    Map<String, Double> levels = levels();
    List<Point> center = center();
    List<Point> limit = breaker.continuousValueDeviation == null ? List.of() : center.stream()
        .map(p -> new Point(p.time(), p.value() == null ? null
            : p.value() * (1 + breaker.continuousValueDeviation.maxDeviationPercent / 100)))
        .toList();
    if (series.values().stream().flatMap(List::stream).allMatch(point -> point.value() == null)) {
      return "<p class=\"empty\">No pod had a value for this breaker in the window.</p>";
    }
    DoubleSummaryStatistics range = Stream.of(series.values().stream().flatMap(List::stream), limit.stream())
        .flatMap(points -> points).map(Point::value).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
        .summaryStatistics();
    levels.values().forEach(range::accept);
    SvgChart chart = new SvgChart(HEIGHT, window.from(), window.to(), Math.min(0, range.getMin()), range.getMax(),
        times);
    series.forEach((pod, points) -> chart.line(points, "class=\"series\" stroke=\"" + colors.get(pod) + "\"", pod));
    if (!center.isEmpty()) {
      chart.line(center, "class=\"baseline\"", centerName());
    }
    if (!limit.isEmpty()) {
      chart.line(limit, "class=\"threshold\"", "the median + maxDeviationPercent "
          + Numbers.format(breaker.continuousValueDeviation.maxDeviationPercent) + "%");
    }
    levels.forEach((label, value) -> chart.level(value, "threshold", label));
    for (Decision decision : run.result().decisions()) {
      if (!breaker.name.equals(decision.breaker())) {
        continue;
      }
      String title = times.format(decision.time()) + " " + decision.pod() + ": " + decision.action()
          + (decision.reason() == null ? "" : " (" + decision.reason() + ")");
      if (decision.action().equals("break")) {
        chart.dot(decision.time(), Double.parseDouble(decision.value()), colors.get(decision.pod()), "break", title);
      } else {
        chart.mark(decision.time(), decision.action(), title);
      }
    }
    return chart.svg("breaker " + breaker.name + ": " + measure(breaker));
  }

  /** The fixed bounds the rule compares values with, by label. */
  private Map<String, Double> levels() {
    Map<String, Double> levels = new LinkedHashMap<>();
    if (breaker.discreteValueOutOfList != null) {
      levels.put("tolerancePercent " + breaker.discreteValueOutOfList.tolerancePercent + "%",
          (double) breaker.discreteValueOutOfList.tolerancePercent);
    } else if (breaker.threshold != null) {
      putIfSet(levels, "above", breaker.threshold.above);
      putIfSet(levels, "below", breaker.threshold.below);
    } else if (breaker.trend != null) {
      putIfSet(levels, "maxSlope", breaker.trend.maxSlope);
    }
    return levels;
  }

  private static void putIfSet(Map<String, Double> levels, String name, Double value) {
    if (value != null) {
      levels.put(name + " " + Numbers.format(value), value);
    }
  }

  /** The fleet's center at each evaluation, for the rules that judge a pod against the others; empty for the rest. */
  private List<Point> center() {
    boolean mean = breaker.outlier != null && breaker.outlier.method == OutlierDetector.Method.StandardDeviation;
    if (breaker.continuousValueDeviation == null && breaker.outlier == null) {
      return List.of();
    }
    List<Point> center = new ArrayList<>();
    for (int i = 0; i < evaluations.size(); i++) {
      int at = i;
      double[] values = series.values().stream().map(points -> points.get(at).value()).filter(Objects::nonNull)
          .mapToDouble(Double::doubleValue).sorted().toArray();
      center.add(new Point(evaluations.get(i), values.length == 0 ? null
          : mean ? Arrays.stream(values).average().orElseThrow() : median(values)));
    }
    return center;
  }

  private String centerName() {
    return breaker.outlier != null && breaker.outlier.method == OutlierDetector.Method.StandardDeviation
        ? "the fleet's mean" : "the fleet's median";
  }

  private static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
