package io.kubervisor.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.analysis.Verdict;
import io.kubervisor.api.v1alpha1.ActivatorSpec;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every breaker's verdicts decided at once, under one floor. */
class EjectionTest {

  static BreakerRules rules(String name, int minCount, int ratio) {
    return new BreakerRules(name, minCount, ratio, new ActivatorSpec());
  }

  static PodView inTraffic(String name) {
    return new PodView(name, State.InTraffic, true, null, null, 0, null, false);
  }

  static PodView out(String name) {
    return new PodView(name, State.Broken, true, "errors", null, 1, null, false);
  }

  static FleetView fleet(int desired, List<PodView> pods) {
    return new FleetView(desired, pods);
  }

  static List<PodView> pods(int count) {
    return IntStream.range(0, count).mapToObj(i -> inTraffic("p" + i)).toList();
  }

  static Verdict bad(String pod, double score) {
    return new Verdict(pod, score, true, "bad", score);
  }

  static Verdict good(String pod) {
    return new Verdict(pod, 0.0, false, "fine", 0);
  }

  static List<String> ejected(Ejection.Plan plan) {
    return plan.eject().stream().map(Ejection.Candidate::pod).toList();
  }

  static List<String> spared(Ejection.Plan plan) {
    return plan.spared().stream().map(Ejection.Candidate::pod).toList();
  }

  @Test
  void anomalousPodsWithinTheFloorLeaveWorstFirstTheOthersAreSpared() {
    Ejection.Plan plan = Ejection.decide(fleet(4, pods(4)), List.of(new Ejection.BreakerVerdicts(
        rules("errors", 1, 50), List.of(bad("p0", 0.2), bad("p1", 0.9), bad("p2", 0.5), good("p3")))));

    assertThat(ejected(plan)).containsExactly("p1", "p2");
    assertThat(spared(plan)).containsExactly("p0");
    assertThat(plan.tallies().get("errors")).isEqualTo(new Ejection.Tally(4, 4, 3, 2, 1, List.of()));
  }

  @Test
  void tiesAreBrokenByPodName() {
    Ejection.Plan plan = Ejection.decide(fleet(4, pods(4)), List.of(new Ejection.BreakerVerdicts(
        rules("errors", 2, 0), List.of(bad("p3", 1), bad("p1", 1), bad("p2", 1)))));

    assertThat(ejected(plan)).containsExactly("p1", "p2");
  }

  @Test
  void theWholeFleetBadAtFiftyPercentLeavesExactlyHalfAndRepeatedPassesNeverCompound() {
    List<PodView> pods = new ArrayList<>(pods(10));
    for (int pass = 0; pass < 5; pass++) {
      List<Verdict> allBad = pods.stream().filter(PodView::inTraffic).map(p -> bad(p.name(), 1)).toList();
      Ejection.Plan plan = Ejection.decide(fleet(10, pods), List.of(new Ejection.BreakerVerdicts(
          rules("errors", 1, 50), allBad)));
      plan.eject().forEach(c -> pods.replaceAll(p -> p.name().equals(c.pod()) ? out(p.name()) : p));
    }

    assertThat(pods.stream().filter(PodView::inTraffic).count()).isEqualTo(5);
  }

  @Test
  void theFloorCountsTheDesiredFleetNotThePodsThatHappenToBeReady() {
    // 10 desired, 5 already out, 5 killed and not yet replaced: 5 in traffic is the floor, nobody more leaves.
    List<PodView> pods = new ArrayList<>(pods(5));
    Ejection.Plan plan = Ejection.decide(fleet(10, pods), List.of(new Ejection.BreakerVerdicts(
        rules("errors", 1, 50), pods.stream().map(p -> bad(p.name(), 1)).toList())));

    assertThat(ejected(plan)).isEmpty();
    assertThat(spared(plan)).hasSize(5);
  }

  @Test
  void twoBreakersShareOneFloorTakeTurnsAndCountEachPodOnce() {
    List<Verdict> errors = pods(10).stream().map(p -> bad(p.name(), 0.5)).toList();
    List<Verdict> latency = pods(10).stream().map(p -> bad(p.name(), 100 + p.name().charAt(1))).toList();

    Ejection.Plan plan = Ejection.decide(fleet(10, pods(10)), List.of(
        new Ejection.BreakerVerdicts(rules("errors", 1, 50), errors),
        new Ejection.BreakerVerdicts(rules("latency", 1, 50), latency)));

    assertThat(ejected(plan)).hasSize(5).doesNotHaveDuplicates();
    assertThat(plan.spared()).hasSize(5);
    assertThat(plan.eject().stream().map(Ejection.Candidate::breaker)).containsExactly("errors", "latency",
        "errors", "latency", "errors");
    int sparedTallied = plan.tallies().values().stream().mapToInt(Ejection.Tally::spared).sum();
    assertThat(sparedTallied).isEqualTo(5);
  }

  @Test
  void eachBreakerLeavesAtLeastItsOwnFloor() {
    Ejection.Plan plan = Ejection.decide(fleet(10, pods(10)), List.of(
        new Ejection.BreakerVerdicts(rules("strict", 1, 80), List.of(bad("p0", 1), bad("p1", 1), bad("p2", 1))),
        new Ejection.BreakerVerdicts(rules("lenient", 1, 50), List.of(bad("p3", 1), bad("p4", 1)))));

    // By turns: strict takes p0 (9 left), lenient p3 (8 left); strict may not take p1 (7 < its 8), lenient takes p4
    // (7 left, above its 5); strict may not take p2 either.
    assertThat(ejected(plan)).containsExactly("p0", "p3", "p4");
    assertThat(spared(plan)).containsExactly("p1", "p2");
  }

  @Test
  void onlyPodsInTrafficAreJudgedAndNoDataIsNeverACandidate() {
    List<PodView> pods = List.of(inTraffic("a"), inTraffic("b"), out("c"), inTraffic("d"));
    Ejection.Plan plan = Ejection.decide(fleet(4, pods), List.of(new Ejection.BreakerVerdicts(rules("errors", 0, 0),
        List.of(Verdict.noData("a", "no series"), good("b"), bad("c", 1), bad("elsewhere", 1), bad("d", 1)))));

    assertThat(ejected(plan)).containsExactly("d");
    assertThat(plan.tallies().get("errors")).satisfies(tally -> {
      assertThat(tally.judged()).isEqualTo(3);
      assertThat(tally.evaluated()).isEqualTo(2);
      assertThat(tally.noData()).extracting(Verdict::pod).containsExactly("a");
    });
  }

  @Test
  void aSinglePodFleetKeepsItsPodAndAZeroFloorMayEmptyIt() {
    assertThat(ejected(Ejection.decide(fleet(1, pods(1)), List.of(new Ejection.BreakerVerdicts(rules("e", 1, 50),
        List.of(bad("p0", 1))))))).isEmpty();
    assertThat(ejected(Ejection.decide(fleet(2, pods(2)), List.of(new Ejection.BreakerVerdicts(rules("e", 0, 0),
        List.of(bad("p0", 1), bad("p1", 1))))))).containsExactly("p0", "p1");
  }
}
