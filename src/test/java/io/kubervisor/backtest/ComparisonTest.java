package io.kubervisor.backtest;

import static io.kubervisor.backtest.Fleets.T;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  static Decision decision(long seconds, String pod, String breaker, String action) {
    return new Decision(T.plusSeconds(seconds), pod, breaker, action, null, null, "why");
  }

  @Test
  void decisionsMatchOnTimePodAndActionEachMatchUsedOnce() {
    List<Decision> a = List.of(decision(0, "web-1", "errors", "break"), decision(0, "web-1", "errors", "break"),
        decision(30, "web-1", "errors", "restore"), decision(40, "web-2", "errors", "break"));
    List<Decision> b = List.of(decision(0, "web-1", "strict", "break"), decision(30, "web-1", "strict", "restore"),
        decision(50, "web-2", "strict", "break"));

    Comparison comparison = Comparison.of(a, b);

    assertThat(comparison.onlyInA()).containsExactly(a.get(1), a.get(3));
    assertThat(comparison.onlyInB()).containsExactly(b.get(2));
  }

  @Test
  void twoTolerancesOnTheSameHistoryDifferInTheEjectionsOfTheStricter() {
    History history = Fleets.history(List.of("web-1", "web-2", "web-3", "web-4"), Fleets.failing("web-2", 60, 120));
    String activator = "mode: periodic\nperiod: 30s";
    Run strict = Fleets.run("strict.yaml", Fleets.config(10, "", activator), history, java.time.Duration.ofMinutes(4));
    Run tolerant = Fleets.run("tolerant.yaml", Fleets.config(60, "", activator), history,
        java.time.Duration.ofMinutes(4));

    BacktestReport report = BacktestReport.of(new Window(T, T.plusSeconds(240), null), List.of(strict, tolerant),
        List.of(), java.time.Duration.ZERO, 0);

    assertThat(report.comparison().onlyInA()).extracting(Decision::action)
        .containsExactly("break", "restore", "break", "restore");
    assertThat(report.comparison().onlyInB()).isEmpty();
  }
}
