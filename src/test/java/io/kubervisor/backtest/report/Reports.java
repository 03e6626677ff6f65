package io.kubervisor.backtest.report;

import static io.kubervisor.backtest.Fleets.T;

import io.kubervisor.backtest.BacktestReport;
import io.kubervisor.backtest.Fleets;
import io.kubervisor.backtest.Fleets.Behaviour;
import io.kubervisor.backtest.History;
import io.kubervisor.backtest.Run;
import io.kubervisor.backtest.Window;
import java.time.Duration;
import java.util.List;

/** Reports of the replays the report tests print: one pod failing for a minute, alone or compared. */
final class Reports {

  static final List<String> PODS = List.of("web-1", "web-2", "web-3", "web-4");
  static final String ACTIVATOR = "mode: periodic\nperiod: 30s";
  static final String EXTERNAL = """
      - name: remote
        external:
          url: http://detector:8080/anomalous""";
  static final String LATENCY = """
      - name: latency
        evaluationPeriod: 10s
        warmup: 0s
        threshold:
          prometheusService: http://prometheus.monitoring.svc:9090
          promQL: max by (pod) (request_latency_seconds)
          above: 0.3
          forEvaluations: 2""";

  private Reports() {}

  static History history() {
    return Fleets.history(PODS, Fleets.failing("web-2", 60, 120));
  }

  static BacktestReport single(String otherBreakers) {
    Run run = Fleets.run("web", Fleets.config(10, otherBreakers, ACTIVATOR), history(), Duration.ofMinutes(4));
    return BacktestReport.of(window(), List.of(run), List.of("breaker errors of shop/web: Prometheus at"
        + " http://prometheus.monitoring.svc:9090 through the API server's service proxy"), Duration.ofMillis(1234), 2);
  }

  static BacktestReport wholeFleetBad() {
    Run run = Fleets.run("web", Fleets.config(10, "", ACTIVATOR), Fleets.history(PODS, (pod, t) -> Behaviour.FAILING),
        Duration.ofMinutes(4));
    return BacktestReport.of(window(), List.of(run), List.of(), Duration.ZERO, 0);
  }

  static BacktestReport compared() {
    Run strict = Fleets.run("strict.yaml", Fleets.config(10, "", ACTIVATOR), history(), Duration.ofMinutes(4));
    Run tolerant = Fleets.run("tolerant.yaml", Fleets.config(60, "", ACTIVATOR), history(), Duration.ofMinutes(4));
    return BacktestReport.of(window(), List.of(strict, tolerant), List.of(), Duration.ofMillis(10), 4);
  }

  static Window window() {
    return new Window(T, T.plusSeconds(240), null);
  }
}
