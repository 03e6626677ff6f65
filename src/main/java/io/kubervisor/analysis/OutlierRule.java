package io.kubervisor.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The outlier detector: one value per pod, judged against the spread of the fleet, so that a fleet that is uniformly
 * slow (or uniformly failing) flags nobody.
 *
 * <p>Takes plain values and its own enums (same constant names as the API's, so {@code Method.valueOf(name())} maps
 * them) rather than the API class, so that it stays a pure function of numbers, testable alone.
 */
public final class OutlierRule {

  /** How the fleet's center and spread are measured. */
  public enum Method {
    /**
     * Iglewicz and Hoaglin's modified z-score 0.6745·(x − median)/MAD, outlier beyond 3.5 by default. Robust: the
     * outliers barely move the median and the MAD, so they cannot hide themselves.
     */
    MedianAbsoluteDeviation(3.5),
    /**
     * Envoy's success-rate rule (x − mean)/stdev, outlier beyond 1.9 by default. The outliers inflate the standard
     * deviation they are measured with, so this needs more pods and flags fewer.
     */
    StandardDeviation(1.9);

    private final double defaultThreshold;

    Method(double defaultThreshold) {
      this.defaultThreshold = defaultThreshold;
    }
  }

  /** Which side of the fleet is bad. */
  public enum BadWhen { High, Low }

  private final String podNameKey;
  private final Method method;
  private final BadWhen badWhen;
  private final double threshold;
  private final double minRequestVolume;
  private final int minHosts;

  /** A null threshold means the method's default. */
  public OutlierRule(String podNameKey, Method method, BadWhen badWhen, Double threshold, double minRequestVolume,
      int minHosts) {
    this.podNameKey = Objects.requireNonNull(podNameKey, "podNameKey");
    this.method = Objects.requireNonNull(method, "method");
    this.badWhen = Objects.requireNonNull(badWhen, "badWhen");
    this.threshold = threshold == null ? method.defaultThreshold : threshold;
    this.minRequestVolume = minRequestVolume;
    this.minHosts = minHosts;
    if (!(this.threshold >= 0) || !(minRequestVolume >= 0) || minHosts < 1) {
      throw new IllegalArgumentException("threshold and minRequestVolume must be >= 0, minHosts >= 1");
    }
  }

  /** Without a volume query: every pod with a value is judged. */
  public Analysis analyse(List<Sample> values, Set<String> managedPods) {
    return analyse(values, null, managedPods);
  }

  /**
   * With a volume query ({@code volumes} not null): a pod without a volume series served nothing and counts as volume
   * 0; a pod below {@code minRequestVolume} is neither judged nor counted in the fleet.
   */
  public Analysis analyse(List<Sample> values, List<Sample> volumes, Set<String> managedPods) {
    PodSeries valueSeries = new PodSeries(values, podNameKey, managedPods);
    PodSeries volumeSeries = volumes == null ? null : new PodSeries(volumes, podNameKey, managedPods);
    Map<String, Verdict> verdicts = new TreeMap<>();
    Map<String, Double> judged = new TreeMap<>();
    for (String pod : managedPods) {
      PodValue value = PodValue.of(valueSeries.of(pod));
      String volumeProblem = volumeSeries == null ? null : volumeProblem(volumeSeries.of(pod));
      if (!value.hasValue()) {
        verdicts.put(pod, Verdict.noData(pod, value.noDataReason()));
      } else if (volumeProblem != null) {
        verdicts.put(pod, Verdict.noData(pod, volumeProblem));
      } else {
        judged.put(pod, value.value());
      }
    }
    if (judged.size() < minHosts) {
      String reason = judged.size() + " pods with " + (volumes == null ? "data" : "enough volume")
          + ", the outlier rule needs " + minHosts;
      judged.keySet().forEach(pod -> verdicts.put(pod, Verdict.noData(pod, reason)));
    } else {
      double[] judgedValues = judged.values().stream().mapToDouble(Double::doubleValue).toArray();
      Fleet fleet = method == Method.MedianAbsoluteDeviation ? Fleet.robust(judgedValues) : Fleet.envoy(judgedValues);
      judged.forEach((pod, value) -> verdicts.put(pod, judge(pod, value, fleet)));
    }
    int outsideService = valueSeries.outsideService() + (volumeSeries == null ? 0 : volumeSeries.outsideService());
    int withoutPodLabel = valueSeries.withoutPodLabel() + (volumeSeries == null ? 0 : volumeSeries.withoutPodLabel());
    return new Analysis(new ArrayList<>(verdicts.values()), outsideService, withoutPodLabel);
  }

  private String volumeProblem(List<Sample> series) {
    double volume = 0;
    if (!series.isEmpty()) {
      PodValue value = PodValue.of(series);
      if (!value.hasValue()) {
        return "volume query: " + value.noDataReason();
      }
      volume = value.value();
    }
    return volume < minRequestVolume
        ? "volume " + Numbers.format(volume) + " below minRequestVolume " + Numbers.format(minRequestVolume)
        : null;
  }

  private Verdict judge(String pod, double value, Fleet fleet) {
    String measured = "value " + Numbers.format(value);
    if (fleet.identical()) {
      return new Verdict(pod, value, false, measured + " is shared by the whole fleet; nobody is an outlier", 0);
    }
    double z = fleet.zScore(value);
    double towardsBad = badWhen == BadWhen.High ? z : -z;
    boolean anomalous = towardsBad > threshold;
    String badSide = badWhen == BadWhen.High ? " above" : " below";
    String side = z >= 0 ? " above" : " below";
    String reason = measured + " is " + Numbers.format(Math.abs(z)) + " " + fleet.unit() + side
        + " the fleet " + fleet.centerName() + " " + Numbers.format(fleet.center())
        + (anomalous ? ", more than the threshold " + Numbers.format(threshold)
            : "; outliers are more than " + Numbers.format(threshold) + badSide);
    // Signed towards the bad side, so that it is |z| for the anomalous pods and higher stays worse for the others.
    return new Verdict(pod, value, anomalous, reason, towardsBad);
  }
}
