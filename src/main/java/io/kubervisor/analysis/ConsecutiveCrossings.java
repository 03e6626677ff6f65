package io.kubervisor.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a pod count as anomalous only once it was anomalous at {@code required} consecutive evaluations, so a single
 * spike does not eject it. A pod back in traffic on a retry after this breaker broke it needs no streak: it was found
 * bad already, and each evaluation it serves while bad costs its clients. The streaks live in memory: a restarted
 * operator starts counting again, which errs on the side of keeping pods in traffic. One instance per breaker; calls
 * must not overlap (one pass at a time holds a BreakerConfig).
 */
public final class ConsecutiveCrossings {

  private final Map<String, Integer> streaks = new HashMap<>();

  /**
   * @param onRetry the pods back in traffic on a retry after this breaker broke them
   */
  public List<Verdict> apply(List<Verdict> verdicts, int required, Set<String> onRetry) {
    Map<String, Integer> next = new HashMap<>();
    List<Verdict> result = verdicts.stream().map(verdict -> {
      if (!verdict.anomalous()) {
        return verdict;
      }
      int streak = streaks.getOrDefault(verdict.pod(), 0) + 1;
      next.put(verdict.pod(), streak);
      if (onRetry.contains(verdict.pod())) {
        return new Verdict(verdict.pod(), verdict.value(), true, verdict.reason() + " on its retry",
            verdict.score());
      }
      if (streak >= required) {
        return new Verdict(verdict.pod(), verdict.value(), true,
            verdict.reason() + " for " + streak + " consecutive evaluations", verdict.score());
      }
      return new Verdict(verdict.pod(), verdict.value(), false,
          verdict.reason() + " (" + streak + " of " + required + " consecutive evaluations)", verdict.score());
    }).toList();
    // A pod that was not anomalous this time, or not judged at all, starts again from zero.
    streaks.clear();
    streaks.putAll(next);
    return result;
  }
}
