package io.kubervisor.backtest;

import static io.kubervisor.backtest.Fleets.T;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.backtest.Fleets.Behaviour;
import io.kubervisor.backtest.Timeline.PodState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the replay follows the operator's pass closely: the fleet, the order of the activator and the breakers. */
class ReplayFidelityTest {

  static final List<String> PODS = List.of("web-1", "web-2", "web-3", "web-4");

  @Test
  void theFleetIsThePodsWithSeriesAtEachInstantSoAGonePodNeitherCountsNorHoldsTheFloor() {
    History history = Fleets.history(PODS, (pod, t) -> pod.equals("web-4") && !t.isBefore(T.plusSeconds(60))
        ? Behaviour.GONE : Behaviour.HEALTHY);

    Replay.Result result = Replay.run(Fleets.config(10, "", ""), history, T, T.plusSeconds(120), null, t -> { });

    Timeline.Frame before = result.timeline().frames().get(0);
    Timeline.Frame after = result.timeline().frames().get(result.timeline().frames().size() - 1);
    assertThat(before.states()).containsKeys("web-4");
    assertThat(before.inTraffic()).isEqualTo(4);
    assertThat(after.states()).doesNotContainKey("web-4").hasSize(3);
    assertThat(after.inTraffic()).isEqualTo(3);
    assertThat(after.floor()).as("50% of the 3 pods with series").isEqualTo(2);
  }

  @Test
  void aPodRestoredAtAnEvaluationIsJudgedAtTheNextAsThePassPlansItsCallsBeforeTheActivatorRuns() {
    History history = Fleets.history(PODS, Fleets.failing("web-2", 0, 600));

    Replay.Result result = Replay.run(Fleets.config(10, "", "mode: periodic\nperiod: 30s"), history, T,
        T.plusSeconds(100), null, t -> { });

    assertThat(result.decisions()).extracting(d -> d.action() + " " + Duration.between(T, d.time()).toSeconds())
        .containsExactly("break 0", "restore 30", "break 40", "restore 70", "break 80");
  }

  @Test
  void theChartsKeepTheValuesOfPodsOutOfTrafficWhoseRealMetricsGoOn() {
    History history = Fleets.history(PODS, Fleets.failing("web-2", 0, 600));

    Replay.Result result = Replay.run(Fleets.config(10, "", "mode: periodic\nperiod: 5m"), history, T,
        T.plusSeconds(30), null, t -> { });

    Timeline.Frame later = result.timeline().frames().get(2);
    assertThat(later.states()).containsEntry("web-2", PodState.OUT);
    assertThat(later.values().get("errors")).containsEntry("web-2", 50.0).containsEntry("web-1", 0.0);
  }

  @Test
  void aBreakerEvaluatesOnItsPeriodsBeatWhenTheStepDoesNotDivideIt() {
    History history = Fleets.history(PODS, (pod, t) -> Behaviour.HEALTHY);

    Replay.Result result = Replay.run(Fleets.config(10, "", ""), history, T, T.plusSeconds(60),
        Duration.ofSeconds(6), t -> { });

    assertThat(result.timeline().frames().stream().filter(f -> f.values().containsKey("errors"))
        .map(f -> Duration.between(T, f.time()).toSeconds())).containsExactly(0L, 12L, 24L, 30L, 42L, 54L, 60L);
  }
}
