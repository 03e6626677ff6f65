package io.kubervisor.decision;

import io.kubervisor.analysis.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The breakers' part of a pass, pure: every breaker's verdicts decided at once, under one floor. Each breaker's
 * anomalous pods are ranked worst first; the breakers take turns by rank (each one's worst, then each one's second...),
 * so no breaker's scores, which are not comparable across rules, crowd out another's. A pod leaves while at least its
 * breaker's floor stays in traffic; the others are spared, each pod counted once.
 */
public final class Ejection {

  private static final Comparator<Verdict> WORST_FIRST =
      Comparator.comparingDouble(Verdict::score).reversed().thenComparing(Verdict::pod);

  private Ejection() {}

  /** One breaker's answer this pass. */
  public record BreakerVerdicts(BreakerRules rules, List<Verdict> verdicts) {}

  /** An anomalous pod, with the breaker that judged it and its verdict. */
  public record Candidate(String pod, String breaker, Verdict verdict) {}

  /**
   * What one breaker's verdicts came to.
   *
   * @param judged verdicts for pods in traffic (others are no longer this breaker's to judge)
   * @param noData judged pods without a value, with why
   */
  public record Tally(int judged, int evaluated, int anomalous, int ejected, int spared, List<Verdict> noData) {}

  /**
   * @param eject pods to take out of traffic, in order
   * @param spared anomalous pods kept in traffic to hold the floor, each once
   */
  public record Plan(List<Candidate> eject, List<Candidate> spared, Map<String, Tally> tallies) {}

  /** @param answers the breakers that answered this pass, in the order of the spec */
  public static Plan decide(FleetView fleet, List<BreakerVerdicts> answers) {
    Set<String> inTraffic = new HashSet<>();
    fleet.pods().stream().filter(PodView::inTraffic).forEach(pod -> inTraffic.add(pod.name()));
    Map<String, List<Verdict>> ranked = new LinkedHashMap<>();
    Map<String, BreakerRules> rules = new LinkedHashMap<>();
    Map<String, List<Verdict>> judged = new LinkedHashMap<>();
    for (BreakerVerdicts answer : answers) {
      String breaker = answer.rules().name();
      List<Verdict> ours = answer.verdicts().stream().filter(v -> inTraffic.contains(v.pod())).toList();
      judged.put(breaker, ours);
      rules.put(breaker, answer.rules());
      ranked.put(breaker, ours.stream().filter(Verdict::anomalous).sorted(WORST_FIRST).toList());
    }

    int remaining = inTraffic.size();
    Set<String> seen = new HashSet<>();
    List<Candidate> eject = new ArrayList<>();
    List<Candidate> spared = new ArrayList<>();
    int rounds = ranked.values().stream().mapToInt(List::size).max().orElse(0);
    for (int rank = 0; rank < rounds; rank++) {
      for (Map.Entry<String, List<Verdict>> breaker : ranked.entrySet()) {
        if (rank >= breaker.getValue().size()) {
          continue;
        }
        Verdict verdict = breaker.getValue().get(rank);
        if (!seen.add(verdict.pod())) {
          continue;
        }
        Candidate candidate = new Candidate(verdict.pod(), breaker.getKey(), verdict);
        if (remaining - 1 >= rules.get(breaker.getKey()).floor(fleet.desired())) {
          eject.add(candidate);
          remaining--;
        } else {
          spared.add(candidate);
        }
      }
    }

    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (Map.Entry<String, List<Verdict>> breaker : judged.entrySet()) {
      List<Verdict> verdicts = breaker.getValue();
      String name = breaker.getKey();
      tallies.put(name, new Tally(verdicts.size(),
          (int) verdicts.stream().filter(v -> v.value() != null).count(),
          (int) verdicts.stream().filter(Verdict::anomalous).count(),
          (int) eject.stream().filter(c -> c.breaker().equals(name)).count(),
          (int) spared.stream().filter(c -> c.breaker().equals(name)).count(),
          verdicts.stream().filter(v -> v.value() == null).toList()));
    }
    return new Plan(eject, spared, tallies);
  }
}
