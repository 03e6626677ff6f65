package io.kubervisor.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a pod count as anomalous only once it was anomalous at {@code required} consecutive evaluations, so a single
 * spike does not eject it. The streaks live in memory: a restarted operator starts counting again, which errs on the
 * side of keeping pods in traffic. One instance per breaker; calls must not overlap (a breaker's route runs one
 * evaluation at a time).
 */
public final class ConsecutiveCrossings {

  private final Map<String, Integer> streaks = new HashMap<>();

  public List<Verdict> apply(List<Verdict> verdicts, int required) {
    Map<String, Integer> next = new HashMap<>();
    List<Verdict> result = verdicts.stream().map(verdict -> {
      if (!verdict.anomalous()) {
        return verdict;
      }
      int streak = streaks.getOrDefault(verdict.pod(), 0) + 1;
      next.put(verdict.pod(), streak);
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
