package io.kubervisor.bench.quality;

import io.kubervisor.sandbox.Behaviour;
import io.kubervisor.sandbox.PodSelection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The scenarios of the decision-quality issue. Healthy pods answer in about 20 ms (the sandbox's model); faults start
 * 10 s in, after the policies have seen a healthy fleet, and end before the scenario does, so that every phase
 * (before, during, after) is measured.
 */
final class Scenarios {

  private static final double RATE = 200;
  private static final Duration SLOW = Duration.ofMillis(200);

  static final List<QualityScenario> ALL = List.of(
      new QualityScenario("one-pod-50", "one pod fails half of its requests", 10, RATE, seconds(65), List.of(
          step(10, pods(3), errors(0.5), FaultKind.POD, "pod 3 fails half of its requests"),
          heal(50, pods(3)))),
      new QualityScenario("two-pods-20", "two pods fail a fifth of their requests", 10, RATE, seconds(65), List.of(
          step(10, pods(2, 7), errors(0.2), FaultKind.POD, "pods 2 and 7 fail 20% of their requests"),
          heal(50, pods(2, 7)))),
      new QualityScenario("slow-pod", "one pod answers 10x slower, without errors", 10, RATE, seconds(65), List.of(
          step(10, pods(5), new Behaviour(0, SLOW, null), FaultKind.POD, "pod 5 answers in 200 ms"),
          heal(50, pods(5)))),
      new QualityScenario("fleet-wide-60", "every pod fails 60% (a shared dependency is down)", 10, RATE, seconds(65),
          List.of(
              step(10, PodSelection.ALL, errors(0.6), FaultKind.SHARED, "every pod fails 60% of its requests"),
              heal(40, PodSelection.ALL))),
      new QualityScenario("flapping", "one pod fails half of its requests for 5 s, then not for 5 s, and so on", 10,
          RATE, seconds(65), List.of(
              step(10, pods(4), new Behaviour(0.5, null, Duration.ofSeconds(5)), FaultKind.POD,
                  "pod 4 flaps: 50% errors for 5 s, healthy for 5 s"),
              heal(50, pods(4)))),
      new QualityScenario("three-pods", "a fleet of 3, one pod fails every request", 3, RATE, seconds(65), List.of(
          step(10, pods(1), errors(1), FaultKind.POD, "pod 1 fails every request"),
          heal(50, pods(1)))),
      new QualityScenario("slow-leak", "one pod's heap gauge rises; it fails every request once it is full", 10, RATE,
          seconds(80), List.of(
              new TraceStep(seconds(10), pods(6), Behaviour.HEALTHY, 0.01, false, FaultKind.POD,
                  "pod 6 starts leaking: its heap gauge rises 1% a second"),
              step(55, pods(6), errors(1), FaultKind.POD, "pod 6 runs out of heap: every request fails"),
              heal(70, pods(6)))),
      new QualityScenario("warm-up", "a fresh pod is slow for its first 20 s", 10, RATE, seconds(60), List.of(
          new TraceStep(seconds(10), pods(10), new Behaviour(0, SLOW, null), 0, true, FaultKind.EXPECTED,
              "pod 10 starts, slow (200 ms) while it warms up"),
          heal(30, pods(10)))));

  private Scenarios() {}

  static Optional<QualityScenario> named(String name) {
    return ALL.stream().filter(scenario -> scenario.name().equals(name)).findFirst();
  }

  private static TraceStep step(int atSeconds, PodSelection pods, Behaviour behaviour, FaultKind kind, String say) {
    return new TraceStep(seconds(atSeconds), pods, behaviour, 0, false, kind, say);
  }

  private static TraceStep heal(int atSeconds, PodSelection pods) {
    return new TraceStep(seconds(atSeconds), pods, Behaviour.HEALTHY, 0, false, FaultKind.NONE, "healthy again");
  }

  private static Behaviour errors(double rate) {
    return new Behaviour(rate, null, null);
  }

  private static PodSelection pods(Integer... indexes) {
    return PodSelection.of(List.of(indexes));
  }

  private static Duration seconds(int seconds) {
    return Duration.ofSeconds(seconds);
  }
}
