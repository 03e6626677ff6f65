package io.kubervisor.backtest;

import static io.kubervisor.backtest.Fleets.T;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.backtest.Fleets.Behaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers an SRE reads first: ejections and restores, how low the fleet went, the floor, and no-data stretches. */
class SummaryTest {

  static final List<String> PODS = List.of("web-1", "web-2", "web-3", "web-4");

  @Test
  void countsTheDecisionsAndSaysHowLowTheFleetWentAndWhenAndForHowLong() {
    History history = Fleets.history(PODS, Fleets.failing("web-2", 60, 120));

    Summary summary = Fleets.run("web", Fleets.config(10, "", "mode: periodic\nperiod: 30s"), history,
        Duration.ofMinutes(4)).summary();

    assertThat(summary.ejections()).containsExactly(java.util.Map.entry("web-2", 2));
    assertThat(summary.restores()).isEqualTo(2);
    assertThat(summary.pauses()).isZero();
    assertThat(summary.kills()).isZero();
    assertThat(summary.fewest()).isEqualTo(new Summary.Fewest(3, 4, 2, T.plusSeconds(60), Duration.ofSeconds(60)));
    assertThat(summary.heldBack()).isZero();
    assertThat(summary.pods()).containsExactlyElementsOf(PODS);
  }

  @Test
  void theWholeFleetBadIsHeldByTheFloorAtEveryEvaluation() {
    History history = Fleets.history(PODS, (pod, t) -> Behaviour.FAILING);

    Summary summary = Fleets.run("web", Fleets.config(10, "", "mode: periodic\nperiod: 5m"), history,
        Duration.ofMinutes(1)).summary();

    assertThat(summary.totalEjections()).isEqualTo(2);
    assertThat(summary.fewest().inTraffic()).isEqualTo(2);
    assertThat(summary.fewest().floor()).isEqualTo(2);
    assertThat(summary.heldBack()).as("every evaluation of the 7").isEqualTo(7);
    assertThat(summary.spared()).isEqualTo(14);
  }

  @Test
  void stretchesWithoutDataAreIntervalsPerBreakerWithThePodsThatShareThem() {
    History history = Fleets.history(PODS, (pod, t) -> !pod.equals("web-1") && !t.isBefore(T.plusSeconds(30))
        && t.isBefore(T.plusSeconds(60)) ? Behaviour.SILENT : Behaviour.HEALTHY);

    Summary summary = Fleets.run("web", Fleets.config(10, "", ""), history, Duration.ofMinutes(2)).summary();

    assertThat(summary.noData()).containsExactly(new Summary.NoData("errors", List.of("web-2", "web-3", "web-4"),
        T.plusSeconds(30), T.plusSeconds(50), 3));
  }
}
