package io.kubervisor.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One value per pod against absolute bounds: above {@code above} or below {@code below} is anomalous at this
 * evaluation. A pod without a sample is no data, never anomalous. How many consecutive evaluations make it count is
 * {@link ConsecutiveCrossings}' job.
 */
public final class ThresholdRule {

  private final String podNameKey;
  private final Double above;
  private final Double below;

  /** @param above null for no upper bound; @param below null for no lower bound (at least one is set) */
  public ThresholdRule(String podNameKey, Double above, Double below) {
    if (above == null && below == null) {
      throw new IllegalArgumentException("set above, below or both");
    }
    this.podNameKey = Objects.requireNonNull(podNameKey, "podNameKey");
    this.above = above;
    this.below = below;
  }

  public Analysis analyse(List<Sample> samples, Set<String> managedPods) {
    PodSeries series = new PodSeries(samples, podNameKey, managedPods);
    List<Verdict> verdicts = new ArrayList<>();
    for (String pod : managedPods.stream().sorted().toList()) {
      PodValue value = PodValue.of(series.of(pod));
      verdicts.add(value.hasValue() ? judge(pod, value.value()) : Verdict.noData(pod, value.noDataReason()));
    }
    return new Analysis(verdicts, series.outsideService(), series.withoutPodLabel());
  }

  private Verdict judge(String pod, double value) {
    String shown = "value " + Numbers.format(value);
    if (above != null && value > above) {
      return new Verdict(pod, value, true, shown + " is above " + Numbers.format(above), value - above);
    }
    if (below != null && value < below) {
      return new Verdict(pod, value, true, shown + " is below " + Numbers.format(below), below - value);
    }
    return new Verdict(pod, value, false, shown + " is within " + bounds(), 0);
  }

  private String bounds() {
    if (above != null && below != null) {
      return Numbers.format(below) + ".." + Numbers.format(above);
    }
    return above != null ? "the bound " + Numbers.format(above) : "the bound " + Numbers.format(below);
  }
}
