package io.kubervisor.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a pod's value is heading, from two Prometheus answers per pod: its slope ({@code deriv}, per second) and, with
 * a bound, its predicted value {@code horizon} ahead ({@code predict_linear}). Anomalous when the slope exceeds
 * {@code maxSlope}, or the prediction exceeds {@code bound}.
 *
 * <p>Fleet-relative, each pod is judged on its slope minus the median slope of the other pods, and its prediction is
 * corrected by the same amount: a ramp the whole fleet shares (rising traffic) is nobody's fault.
 */
public final class TrendRule {

  private final String podNameKey;
  private final Double maxSlope;
  private final Double bound;
  private final double horizonSeconds;
  private final boolean fleetRelative;

  public TrendRule(String podNameKey, Double maxSlope, Double bound, double horizonSeconds, boolean fleetRelative) {
    if (maxSlope == null && bound == null) {
      throw new IllegalArgumentException("set maxSlope, or bound with horizon");
    }
    this.podNameKey = Objects.requireNonNull(podNameKey, "podNameKey");
    this.maxSlope = maxSlope;
    this.bound = bound;
    this.horizonSeconds = horizonSeconds;
    this.fleetRelative = fleetRelative;
  }

  /** @param predictions null when no bound is set */
  public Analysis analyse(List<Sample> slopes, List<Sample> predictions, Set<String> managedPods) {
    PodSeries slopeSeries = new PodSeries(slopes, podNameKey, managedPods);
    PodSeries predictionSeries = predictions == null ? null : new PodSeries(predictions, podNameKey, managedPods);
    Map<String, Verdict> verdicts = new TreeMap<>();
    Map<String, Double> withSlope = new TreeMap<>();
    for (String pod : managedPods) {
      PodValue slope = PodValue.of(slopeSeries.of(pod));
      if (slope.hasValue()) {
        withSlope.put(pod, slope.value());
      } else {
        verdicts.put(pod, Verdict.noData(pod, slope.noDataReason()));
      }
    }
    if (fleetRelative && withSlope.size() < 2) {
      withSlope.keySet().forEach(pod -> verdicts.put(pod,
          Verdict.noData(pod, "only 1 pod with data; a fleet-relative trend needs at least 2")));
      withSlope.clear();
    }
    withSlope.forEach((pod, slope) -> {
      double reference = fleetRelative ? medianOfOthers(pod, withSlope) : 0;
      Double prediction = null;
      if (predictionSeries != null) {
        PodValue predicted = PodValue.of(predictionSeries.of(pod));
        prediction = predicted.hasValue() ? predicted.value() - reference * horizonSeconds : null;
      }
      verdicts.put(pod, judge(pod, slope - reference, prediction));
    });
    return new Analysis(new ArrayList<>(verdicts.values()), slopeSeries.outsideService(),
        slopeSeries.withoutPodLabel());
  }

  private Verdict judge(String pod, double slope, Double prediction) {
    String of = fleetRelative ? "slope above the fleet's median " : "slope ";
    String shown = of + Numbers.format(slope) + "/s";
    if (maxSlope != null && slope > maxSlope) {
      return new Verdict(pod, slope, true, shown + " exceeds " + Numbers.format(maxSlope) + "/s", slope);
    }
    if (bound != null && prediction != null && prediction > bound) {
      return new Verdict(pod, slope, true, "predicted " + Numbers.format(prediction) + " within "
          + Numbers.format(horizonSeconds) + "s, above the bound " + Numbers.format(bound) + " (" + shown + ")",
          slope);
    }
    return new Verdict(pod, slope, false, shown + " is within bounds", slope);
  }

  private static double medianOfOthers(String pod, Map<String, Double> slopes) {
    return Stats.highMedian(slopes.entrySet().stream()
        .filter(other -> !other.getKey().equals(pod))
        .mapToDouble(Map.Entry::getValue)
        .toArray());
  }
}
