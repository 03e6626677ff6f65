package io.kubervisor.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The discreteValueOutOfList detector: event counts grouped by a value label (an HTTP code...) and the pod label; a
 * pod is anomalous when its share of bad events is strictly above the tolerance.
 *
 * <p>Takes plain values rather than the API class so that it stays a pure function of numbers, testable alone.
 */
public final class DiscreteValueRule {

  private static final String IGNORED_SERIES = " series ignored (without label %s, or a count that is not a finite"
      + " number >= 0)";

  private final String podNameKey;
  private final String key;
  private final Set<String> listedValues;
  private final boolean listedValuesAreGood;
  private final int tolerancePercent;
  private final int minActivity;

  private DiscreteValueRule(String podNameKey, String key, Collection<String> listedValues, boolean listedValuesAreGood,
      int tolerancePercent, int minActivity) {
    if (tolerancePercent < 0 || tolerancePercent > 100 || minActivity < 0) {
      throw new IllegalArgumentException("tolerancePercent must be in 0..100 and minActivity >= 0");
    }
    this.podNameKey = Objects.requireNonNull(podNameKey, "podNameKey");
    this.key = Objects.requireNonNull(key, "key");
    this.listedValues = Set.copyOf(listedValues);
    this.listedValuesAreGood = listedValuesAreGood;
    this.tolerancePercent = tolerancePercent;
    this.minActivity = minActivity;
  }

  /** Every value not in {@code goodValues} is bad. */
  public static DiscreteValueRule withGoodValues(String podNameKey, String key, Collection<String> goodValues,
      int tolerancePercent, int minActivity) {
    return new DiscreteValueRule(podNameKey, key, goodValues, true, tolerancePercent, minActivity);
  }

  /** Only the values in {@code badValues} are bad. */
  public static DiscreteValueRule withBadValues(String podNameKey, String key, Collection<String> badValues,
      int tolerancePercent, int minActivity) {
    return new DiscreteValueRule(podNameKey, key, badValues, false, tolerancePercent, minActivity);
  }

  public Analysis analyse(List<Sample> samples, Set<String> managedPods) {
    PodSeries series = new PodSeries(samples, podNameKey, managedPods);
    List<Verdict> verdicts = new ArrayList<>();
    for (String pod : new TreeSet<>(managedPods)) {
      verdicts.add(judge(pod, series.of(pod)));
    }
    return new Analysis(verdicts, series.outsideService(), series.withoutPodLabel());
  }

  private Verdict judge(String pod, List<Sample> series) {
    if (series.isEmpty()) {
      return Verdict.noData(pod, PodValue.NO_SERIES);
    }
    // Duplicate series of one (pod, value) are parts of the same count (another instance label...), so they add up.
    Map<String, Double> countByValue = new TreeMap<>();
    int ignored = 0;
    for (Sample sample : series) {
      String value = sample.label(key);
      double count = sample.value();
      if (value == null || !Double.isFinite(count) || count < 0) {
        ignored++;
      } else {
        countByValue.merge(value, count, Double::sum);
      }
    }
    String ignoredNote = ignored == 0 ? "" : "; " + ignored + String.format(IGNORED_SERIES, key);
    double total = countByValue.values().stream().mapToDouble(Double::doubleValue).sum();
    if (total == 0) {
      return Verdict.noData(pod, "no events" + ignoredNote);
    }
    if (total < minActivity) {
      return Verdict.noData(pod,
          "activity " + Numbers.format(total) + " below minActivity " + minActivity + ignoredNote);
    }
    List<String> badValues = countByValue.keySet().stream().filter(this::isBad).toList();
    double bad = badValues.stream().mapToDouble(countByValue::get).sum();
    // Compared without dividing, so that 1 bad of 10 is exactly 10% and not above a tolerance of 10.
    boolean anomalous = bad * 100 > tolerancePercent * total;
    double percent = bad * 100 / total;
    String reason = Numbers.format(percent) + "% of " + Numbers.format(total) + " events bad"
        + (badValues.isEmpty() ? "" : " (" + key + " " + String.join(",", badValues) + ")")
        + (anomalous ? ", above" : ", within") + " tolerance " + tolerancePercent + "%" + ignoredNote;
    return new Verdict(pod, percent, anomalous, reason, bad / total);
  }

  private boolean isBad(String value) {
    return listedValues.contains(value) != listedValuesAreGood;
  }
}
