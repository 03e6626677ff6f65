package io.kubervisor.analysis;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traffic floor: how many managed pods must stay in traffic, and which anomalous pods may leave within it.
 *
 * <p>The floor is a share of the whole managed fleet. The original computed it against the pods currently in traffic,
 * so each tick lowered the next tick's floor: ten pods at 50% went 10 → 5 → 3 → 2 → 1.
 */
public final class Floor {

  /** Worst first; the pod name breaks ties so that the same input always ejects the same pods. */
  private static final Comparator<Verdict> WORST_FIRST =
      Comparator.comparingDouble(Verdict::score).reversed().thenComparing(Verdict::pod);

  private Floor() {
  }

  /**
   * {@code max(minCount, ceil(minRatioPercent% of managed))}, capped at {@code managed}: more cannot be required than
   * exist. The ceiling is computed in integers, so 50% of 10 is exactly 5 and 33% of 3 is 1.
   */
  public static int floor(int managed, int minCount, int minRatioPercent) {
    if (managed < 0 || minCount < 0 || minRatioPercent < 0 || minRatioPercent > 100) {
      throw new IllegalArgumentException("managed and minCount must be >= 0, minRatioPercent in 0..100");
    }
    int byRatio = (int) ((minRatioPercent * (long) managed + 99) / 100);
    return Math.min(managed, Math.max(minCount, byRatio));
  }

  /**
   * Ejects the worst anomalous candidates while at least the floor stays in traffic; the other anomalous ones are
   * spared.
   *
   * @param managed every pod of the Service that kubervisor manages, in traffic or not
   * @param inTraffic the managed pods in traffic now
   * @param candidates verdicts for pods that are in traffic now (a pod already out must not use up an ejection); the
   *     ones not anomalous are ignored, and a pod listed twice (by two breakers) counts once, with its worst verdict
   */
  public static FloorDecision decide(int managed, int inTraffic, int minCount, int minRatioPercent,
      List<Verdict> candidates) {
    if (inTraffic < 0 || inTraffic > managed) {
      throw new IllegalArgumentException("inTraffic must be in 0..managed, was " + inTraffic + " of " + managed);
    }
    int floor = floor(managed, minCount, minRatioPercent);
    int allowed = Math.max(0, inTraffic - floor);
    Map<String, Verdict> worstPerPod = new LinkedHashMap<>();
    candidates.stream()
        .filter(Verdict::anomalous)
        .sorted(WORST_FIRST)
        .forEach(verdict -> worstPerPod.putIfAbsent(verdict.pod(), verdict));
    List<Verdict> anomalous = List.copyOf(worstPerPod.values());
    int ejected = Math.min(allowed, anomalous.size());
    return new FloorDecision(floor, anomalous.subList(0, ejected), anomalous.subList(ejected, anomalous.size()));
  }
}
