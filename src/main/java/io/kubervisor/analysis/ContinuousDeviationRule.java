package io.kubervisor.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The continuousValueDeviation detector: one value per pod (a latency...), higher is worse, as in the original. A pod
 * is anomalous when its value is more than {@code maxDeviationPercent} above the median of the other pods.
 *
 * <p>The reference is the median, not the mean: one very slow pod drags the mean towards itself, which hides it and
 * pushes the healthy pods below the reference; several slow pods raise the mean for each other. The median holds as
 * long as fewer than half of the pods are bad. It excludes the judged pod so that the pod never dilutes its own
 * reference (with two pods, a median that included both would halve every deviation). When the other pods are an
 * even number, it is the higher of their two middle values, not their average: in a fleet of three, one broken pod
 * that fails fast would otherwise pull its two healthy peers' reference halfway to itself and flag them both. A tie
 * (half of the others high) therefore flags nobody, the cautious side for an ejection.
 *
 * <p>A reference of 0 (most of the other pods at 0, as for an error rate) makes any positive value an infinite
 * deviation: such a pod is anomalous, with the highest score. Flagging it is the literal rule, and a fleet where the
 * others are exactly 0 is the case where a non-zero pod is the clearest outlier; the floor still bounds the ejections.
 *
 * <p>Takes plain values rather than the API class so that it stays a pure function of numbers, testable alone.
 */
public final class ContinuousDeviationRule {

  private final String podNameKey;
  private final double maxDeviationPercent;

  public ContinuousDeviationRule(String podNameKey, double maxDeviationPercent) {
    if (!(maxDeviationPercent >= 0)) {
      throw new IllegalArgumentException("maxDeviationPercent must be >= 0");
    }
    this.podNameKey = Objects.requireNonNull(podNameKey, "podNameKey");
    this.maxDeviationPercent = maxDeviationPercent;
  }

  public Analysis analyse(List<Sample> samples, Set<String> managedPods) {
    PodSeries series = new PodSeries(samples, podNameKey, managedPods);
    Map<String, Verdict> verdicts = new TreeMap<>();
    Map<String, Double> withData = new TreeMap<>();
    for (String pod : managedPods) {
      PodValue value = PodValue.of(series.of(pod));
      if (value.hasValue()) {
        withData.put(pod, value.value());
      } else {
        verdicts.put(pod, Verdict.noData(pod, value.noDataReason()));
      }
    }
    if (withData.size() < 2) {
      withData.keySet().forEach(pod -> verdicts.put(pod,
          Verdict.noData(pod, "only 1 pod with data; the deviation needs at least 2 to compare")));
    } else {
      withData.forEach((pod, value) -> verdicts.put(pod, judge(pod, value, medianOfOthers(pod, withData))));
    }
    return new Analysis(new ArrayList<>(verdicts.values()), series.outsideService(), series.withoutPodLabel());
  }

  private static double medianOfOthers(String pod, Map<String, Double> withData) {
    return Stats.highMedian(withData.entrySet().stream()
        .filter(other -> !other.getKey().equals(pod))
        .mapToDouble(Map.Entry::getValue)
        .toArray());
  }

  private Verdict judge(String pod, double value, double reference) {
    String compared = "value " + Numbers.format(value) + " is ";
    String against = " the median " + Numbers.format(reference) + " of the other pods";
    String limit = " (max " + Numbers.format(maxDeviationPercent) + "%)";
    if (reference == 0) {
      boolean anomalous = value > 0;
      String reason = anomalous
          ? compared + "above" + against + ": an infinite deviation" + limit
          : compared + "not above" + against + limit;
      return new Verdict(pod, value, anomalous, reason, anomalous ? Double.MAX_VALUE : 0);
    }
    double deviationPercent = (value - reference) / Math.abs(reference) * 100;
    boolean anomalous = deviationPercent > maxDeviationPercent;
    String direction = deviationPercent >= 0 ? "% above" : "% below";
    String reason = compared + Numbers.format(Math.abs(deviationPercent)) + direction + against + limit;
    return new Verdict(pod, value, anomalous, reason, deviationPercent / 100);
  }
}
