package io.kubervisor.analysis;

/**
 * The traffic floor: how many pods must stay in traffic. decision.Ejection decides which anomalous pods may leave
 * within it.
 *
 * <p>The floor is a share of the whole fleet, as its workloads desire it. The original computed it against the pods
 * currently in traffic, so each tick lowered the next tick's floor: ten pods at 50% went 10 → 5 → 3 → 2 → 1.
 */
public final class Floor {

  private Floor() {
  }

  /**
   * {@code max(minCount, ceil(minRatioPercent% of fleet))}, capped at {@code fleet}: more cannot be required than
   * exist. The ceiling is computed in integers, so 50% of 10 is exactly 5 and 33% of 3 is 1.
   */
  public static int floor(int fleet, int minCount, int minRatioPercent) {
    if (fleet < 0 || minCount < 0 || minRatioPercent < 0 || minRatioPercent > 100) {
      throw new IllegalArgumentException("fleet and minCount must be >= 0, minRatioPercent in 0..100");
    }
    int byRatio = (int) ((minRatioPercent * (long) fleet + 99) / 100);
    return Math.min(fleet, Math.max(minCount, byRatio));
  }
}
