package io.kubervisor.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FloorTest {

  private static Verdict bad(String pod, double score) {
    return new Verdict(pod, score, true, "bad", score);
  }

  private static Verdict good(String pod) {
    return new Verdict(pod, 0.0, false, "fine", 0);
  }

  @ParameterizedTest(name = "{0} managed, minCount {1}, ratio {2}% -> {3}")
  @CsvSource({
      "10, 1, 50, 5",
      "10, 0, 50, 5",
      "7, 1, 50, 4",
      "3, 1, 33, 1",
      "3, 0, 33, 1",
      "3, 0, 34, 2",
      "100, 0, 1, 1",
      "10, 0, 0, 0",
      "10, 3, 0, 3",
      "10, 0, 100, 10",
      "10, 7, 50, 7",
      "10, 20, 50, 10",
      "1, 1, 50, 1",
      "1, 0, 50, 1",
      "0, 1, 50, 0",
      "0, 0, 0, 0",
      "2147483647, 0, 100, 2147483647"})
  void floorIsTheLargerOfCountAndRoundedUpRatioCappedAtTheFleet(int managed, int minCount, int ratio, int floor) {
    assertThat(Floor.floor(managed, minCount, ratio)).isEqualTo(floor);
  }

  @Test
  void invalidFloorSettingsAreRejected() {
    assertThatThrownBy(() -> Floor.floor(-1, 1, 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Floor.floor(10, -1, 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Floor.floor(10, 1, 101)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Floor.floor(10, 1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inTrafficOutsideTheFleetIsRejected() {
    assertThatThrownBy(() -> Floor.decide(5, 6, 1, 50, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Floor.decide(5, -1, 1, 50, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anomalousPodsWithinTheFloorAreEjectedWorstFirst() {
    FloorDecision decision = Floor.decide(10, 10, 1, 50,
        List.of(bad("a", 0.2), good("b"), bad("c", 0.9), bad("d", 0.5)));

    assertThat(decision.floor()).isEqualTo(5);
    assertThat(decision.eject()).extracting(Verdict::pod).containsExactly("c", "d", "a");
    assertThat(decision.spared()).isEmpty();
  }

  @Test
  void anomalousPodsBeyondTheFloorAreSparedLeastBadLast() {
    FloorDecision decision = Floor.decide(4, 4, 1, 50,
        List.of(bad("a", 0.2), bad("b", 0.7), bad("c", 0.9), bad("d", 0.5)));

    assertThat(decision.eject()).extracting(Verdict::pod).containsExactly("c", "b");
    assertThat(decision.spared()).extracting(Verdict::pod).containsExactly("d", "a");
  }

  @Test
  void tiesAreBrokenByPodName() {
    FloorDecision decision = Floor.decide(4, 4, 2, 0,
        List.of(bad("d", 1), bad("b", 1), bad("c", 1), bad("a", 1)));

    assertThat(decision.eject()).extracting(Verdict::pod).containsExactly("a", "b");
    assertThat(decision.spared()).extracting(Verdict::pod).containsExactly("c", "d");
  }

  @Test
  void allAnomalousFleetOfTenAtFiftyPercentEjectsExactlyFive() {
    List<Verdict> allBad = new TreeSet<>(TestSamples.pods(10)).stream().map(pod -> bad(pod, 1)).toList();

    FloorDecision decision = Floor.decide(10, 10, 1, 50, allBad);

    assertThat(decision.eject()).hasSize(5);
    assertThat(decision.spared()).hasSize(5);
  }

  /** The original took its ratio of the pods in traffic, so each tick lowered the floor: 10, 5, 3, 2, 1. */
  @Test
  void repeatedTicksNeverCompoundBelowTheFloor() {
    Set<String> inTraffic = new TreeSet<>(TestSamples.pods(10));

    for (int tick = 0; tick < 6; tick++) {
      List<Verdict> allBad = inTraffic.stream().map(pod -> bad(pod, 1)).toList();
      FloorDecision decision = Floor.decide(10, inTraffic.size(), 1, 50, allBad);
      decision.eject().forEach(verdict -> inTraffic.remove(verdict.pod()));

      assertThat(decision.eject()).hasSize(tick == 0 ? 5 : 0);
      assertThat(inTraffic).hasSize(5);
    }
  }

  @Test
  void fleetAlreadyBelowTheFloorEjectsNothing() {
    FloorDecision decision = Floor.decide(10, 3, 1, 50, List.of(bad("a", 1), bad("b", 1)));

    assertThat(decision.floor()).isEqualTo(5);
    assertThat(decision.eject()).isEmpty();
    assertThat(decision.spared()).hasSize(2);
  }

  @Test
  void minCountAboveTheFleetEjectsNothing() {
    FloorDecision decision = Floor.decide(3, 3, 5, 0, List.of(bad("a", 1)));

    assertThat(decision.floor()).isEqualTo(3);
    assertThat(decision.eject()).isEmpty();
  }

  @Test
  void zeroFloorMayEjectTheWholeFleet() {
    FloorDecision decision = Floor.decide(2, 2, 0, 0, List.of(bad("a", 1), bad("b", 2)));

    assertThat(decision.eject()).extracting(Verdict::pod).containsExactly("b", "a");
  }

  @Test
  void hundredPercentEjectsNothing() {
    assertThat(Floor.decide(10, 10, 0, 100, List.of(bad("a", 1))).eject()).isEmpty();
  }

  @Test
  void singlePodFleetKeepsItsPod() {
    assertThat(Floor.decide(1, 1, 1, 50, List.of(bad("a", 1))).eject()).isEmpty();
  }

  @Test
  void emptyFleetDecidesNothing() {
    FloorDecision decision = Floor.decide(0, 0, 1, 50, List.of());

    assertThat(decision).isEqualTo(new FloorDecision(0, List.of(), List.of()));
  }

  @Test
  void podJudgedByTwoBreakersUsesOneEjectionWithItsWorstVerdict() {
    FloorDecision decision = Floor.decide(4, 4, 0, 50,
        List.of(bad("a", 0.3), bad("a", 0.9), bad("b", 0.5), bad("c", 0.1)));

    assertThat(decision.eject()).containsExactly(bad("a", 0.9), bad("b", 0.5));
    assertThat(decision.spared()).containsExactly(bad("c", 0.1));
  }

  @Test
  void noDataAndHealthyVerdictsAreNeverCandidates() {
    FloorDecision decision = Floor.decide(4, 4, 0, 0, List.of(Verdict.noData("a", "no data"), good("b")));

    assertThat(decision.eject()).isEmpty();
    assertThat(decision.spared()).isEmpty();
  }
}
