package io.kubervisor.bench.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The targets, judged on a run; a target whose policy or scenario did not run is not judged. */
final class QualityTargets {

  static final String KUBERVISOR = "kubervisor";
  /** The peers that judge only the answers' status: a slow pod or a leak is invisible to them. */
  static final Set<String> ERRORS_ONLY = Set.of("nginx", "haproxy", "envoy-outlier");
  /** A pod that fails every request: inline, per-request ejection is expected to beat kubervisor there. */
  static final Set<String> CONSECUTIVE_ERRORS = Set.of("three-pods");
  static final Set<String> SINGLE_POD = Set.of("one-pod-50", "slow-pod", "flapping", "three-pods", "slow-leak",
      "warm-up");
  /** Within this of each other, two error rates are a tie: a run's own sampling noise is about that. */
  private static final double TIE = 0.001;

  private QualityTargets() {}

  static List<TargetVerdict> judge(List<ScenarioReport> scenarios) {
    List<TargetVerdict> verdicts = new ArrayList<>();
    scenarios.forEach(scenario -> verdicts.add(errorRateAgainstPeers(scenario)));
    find(scenarios, "fleet-wide-60").ifPresent(scenario -> {
      verdicts.add(fleetFloor(scenario));
      RunResult kubervisor = scenario.run(KUBERVISOR);
      verdicts.add(new TargetVerdict("fleet-wide-60: 0 healthy pods ejected by kubervisor",
          kubervisor == null ? Format.NONE : kubervisor.falsePositives().size() + " ejected",
          kubervisor == null ? null : kubervisor.falsePositives().isEmpty()));
    });
    find(scenarios, "slow-pod").ifPresent(scenario -> verdicts.add(isolatedOnlyByKubervisor(scenario, false)));
    find(scenarios, "slow-leak").ifPresent(scenario -> verdicts.add(isolatedOnlyByKubervisor(scenario, true)));
    verdicts.add(precisionAndRecall(scenarios));
    return verdicts;
  }

  private static TargetVerdict errorRateAgainstPeers(ScenarioReport scenario) {
    String target = scenario.name() + ": kubervisor's client error rate ≤ the best peer's";
    RunResult kubervisor = scenario.run(KUBERVISOR);
    RunResult best = scenario.runs().stream()
        .filter(run -> run.error() == null && !run.policy().equals(KUBERVISOR) && !run.policy().equals("none"))
        .min(Comparator.comparing(RunResult::errorRate)).orElse(null);
    if (kubervisor == null || best == null) {
      return new TargetVerdict(target, "needs kubervisor and a peer", null);
    }
    double gap = kubervisor.errorRate() - best.errorRate();
    String measured = "kubervisor " + Format.of(kubervisor.errorRate()) + ", best peer " + best.policy() + " "
        + Format.of(best.errorRate());
    if (CONSECUTIVE_ERRORS.contains(scenario.name())) {
      return new TargetVerdict(target + " (exception: a pod failing every request; the gap is reported)",
          measured + String.format(Locale.ROOT, ", gap %+.2f points", gap * 100), gap <= TIE);
    }
    return new TargetVerdict(target, measured, gap <= TIE);
  }

  private static TargetVerdict fleetFloor(ScenarioReport scenario) {
    String target = "fleet-wide-60: kubervisor's clients see no more errors than the fleet produces";
    RunResult kubervisor = scenario.run(KUBERVISOR);
    PhaseStats during = kubervisor == null ? null : kubervisor.phase("during");
    if (during == null || kubervisor.podsErrorShare() == null) {
      return new TargetVerdict(target, "kubervisor did not run", null);
    }
    return new TargetVerdict(target, "clients " + Format.of(during.errorRate()) + ", the pods' own answers "
        + Format.of(kubervisor.podsErrorShare()) + "; fewest pods serving " + kubervisor.fewestServing() + " of "
        + kubervisor.podsUp(), during.errorRate() <= kubervisor.podsErrorShare() + TIE);
  }

  /** kubervisor isolates the pod (before its errors, for a leak) and the peers that judge only errors do not. */
  private static TargetVerdict isolatedOnlyByKubervisor(ScenarioReport scenario, boolean beforeSymptoms) {
    String target = scenario.name() + ": kubervisor isolates the pod" + (beforeSymptoms ? " before its errors" : "")
        + ", peers that judge only errors do not" + (beforeSymptoms ? " before them" : "");
    RunResult kubervisor = scenario.run(KUBERVISOR);
    if (kubervisor == null) {
      return new TargetVerdict(target, "kubervisor did not run", null);
    }
    List<String> measured = new ArrayList<>();
    boolean pass = true;
    for (RunResult run : scenario.runs()) {
      if (run.error() != null || !(run.policy().equals(KUBERVISOR) || ERRORS_ONLY.contains(run.policy()))) {
        continue;
      }
      PodIsolation pod = run.faultyPods().get(0);
      boolean caught = beforeSymptoms ? pod.beforeSymptoms() : pod.isolated();
      pass &= run.policy().equals(KUBERVISOR) == caught;
      measured.add(run.policy() + " " + (pod.isolated() ? "after " + Format.seconds(pod.isolatedAfter()) : "never"));
    }
    return new TargetVerdict(target, String.join(", ", measured), pass);
  }

  private static TargetVerdict precisionAndRecall(List<ScenarioReport> scenarios) {
    String target = "kubervisor's precision ≥ 0.99 and recall ≥ 0.99 over the single-pod scenarios";
    List<RunResult> runs = scenarios.stream().filter(s -> SINGLE_POD.contains(s.name()))
        .map(s -> s.run(KUBERVISOR)).filter(Objects::nonNull).toList();
    if (runs.isEmpty()) {
      return new TargetVerdict(target, "kubervisor did not run a single-pod scenario", null);
    }
    int truePositives = runs.stream().mapToInt(RunResult::truePositives).sum();
    int falsePositives = runs.stream().mapToInt(run -> run.falsePositives().size()).sum();
    int faulty = runs.stream().mapToInt(run -> run.faultyPods().size()).sum();
    double precision = truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives
        + falsePositives);
    double recall = faulty == 0 ? 1 : (double) truePositives / faulty;
    return new TargetVerdict(target, String.format(Locale.ROOT,
        "precision %.2f, recall %.2f (%d isolated of %d at fault, %d healthy isolated, over %d scenarios)", precision,
        recall, truePositives, faulty, falsePositives, runs.size()), precision >= 0.99 && recall >= 0.99);
  }

  private static Optional<ScenarioReport> find(List<ScenarioReport> scenarios, String name) {
    return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
