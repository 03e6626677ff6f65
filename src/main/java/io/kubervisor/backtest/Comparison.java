package io.kubervisor.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What two configurations decided differently on the same history: the decisions only one of them took, matched on
 * their time, pod and action (breaker names may differ between the two).
 */
public record Comparison(List<Decision> onlyInA, List<Decision> onlyInB) {

  public static Comparison of(List<Decision> a, List<Decision> b) {
    return new Comparison(missingFrom(a, b), missingFrom(b, a));
  }

  /** The decisions of {@code these} that {@code others} lacks, each match used once. */
  private static List<Decision> missingFrom(List<Decision> these, List<Decision> others) {
    Map<Key, Integer> available = new HashMap<>();
    others.forEach(d -> available.merge(Key.of(d), 1, Integer::sum));
    List<Decision> missing = new ArrayList<>();
    for (Decision decision : these) {
      if (available.merge(Key.of(decision), -1, Integer::sum) < 0) {
        missing.add(decision);
      }
    }
    return missing;
  }

  private record Key(Instant time, String pod, String action) {
    static Key of(Decision decision) {
      return new Key(decision.time(), decision.pod(), decision.action());
    }
  }
}
