package io.kubervisor.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom detector route, loaded from a route file as the operator loads it, replayed when it declares that it
 * accepts a time, and reported as not replayable when it does not.
 */
class CustomDetectorReplayTest {

  static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  /** Judges four pods; web-3 is bad from T+60 s, by the time the backtest asks about. */
  static final String ROUTE = """
      - route:
          id: detector-clock
          %s
          from:
            uri: direct:detector-clock
            steps:
              - choice:
                  when:
                    - simple: "${header.kubervisorTime} >= '2026-12-01T10:01:00Z' && ${body.time} != null"
                      steps:
                        - setBody:
                            constant: >-
                              [{"pod": "web-1", "value": 1, "anomalous": false},
                               {"pod": "web-2", "value": 1, "anomalous": false},
                               {"pod": "web-3", "value": 9, "anomalous": true, "reason": "9 errors > 5"},
                               {"pod": "web-4", "value": 1, "anomalous": false}]
                  otherwise:
                    steps:
                      - setBody:
                          simple: >-
                            [{"pod": "web-1", "value": 1, "anomalous": false},
                             {"pod": "web-2", "value": 1, "anomalous": false},
                             {"pod": "web-3", "value": 1, "anomalous": false},
                             {"pod": "web-4", "value": ${header.budget}, "anomalous": false}]
      """;

  static final BreakerConfig CONFIG = Fleets.webInShop("""
          - name: scored
            evaluationPeriod: 10s
            warmup: 0s
            minPodsAvailableRatio: 50
            custom:
              name: clock
              parameters: {budget: "2"}
      """);

  @Test
  void aRouteThatAcceptsATimeIsAskedAtEachEvaluationAndItsPodsAreTheFleet(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("clock.camel.yaml"), ROUTE.formatted("group: kubervisor-accepts-time"));

    Replay.Result result;
    try (CustomDetectorRoutes routes = CustomDetectorRoutes.load(dir)) {
      result = Replay.run(CONFIG, (q, from, to, step) -> {
        throw new AssertionError("a custom detector asks no Prometheus");
      }, routes, T, T.plusSeconds(120), null, t -> { });
    }

    assertThat(result.notReplayable()).isEmpty();
    assertThat(result.detectorErrors()).isEmpty();
    assertThat(result.decisions()).filteredOn(d -> d.action().equals("break"))
        .first().satisfies(d -> {
          assertThat(d.pod()).isEqualTo("web-3");
          assertThat(d.time()).isEqualTo(T.plusSeconds(60));
          assertThat(d.reason()).isEqualTo("9 errors > 5");
        });
    Timeline.Frame first = result.timeline().frames().get(0);
    assertThat(first.states()).containsOnlyKeys("web-1", "web-2", "web-3", "web-4");
    assertThat(first.values().get("scored")).containsEntry("web-4", 2.0); // the breaker's parameter, as a header
  }

  @Test
  void aRouteThatDoesNotDeclareATimeIsNotReplayedAndSaysHowToDeclareIt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("clock.camel.yaml"), ROUTE.formatted(""));

    Replay.Result result;
    try (CustomDetectorRoutes routes = CustomDetectorRoutes.load(dir)) {
      result = Replay.run(CONFIG, (q, from, to, step) -> null, routes, T, T.plusSeconds(60), null, t -> { });
    }

    assertThat(result.decisions()).isEmpty();
    assertThat(result.notReplayable()).containsExactly("scored: custom detector clock does not declare that it"
        + " accepts a time (route group kubervisor-accepts-time, docs/backtest.md); not replayed");
  }

  @Test
  void withoutItsRouteACustomDetectorIsNotReplayedAndTheRunSaysSo() {
    Run run = Run.replay("web", CONFIG, (q, from, to, step) -> null, CustomDetectors.NONE,
        new Window(T, T.plusSeconds(60), null), t -> { });

    assertThat(run.step()).isNull();
    assertThat(run.result().notReplayable()).singleElement().asString()
        .contains("set KUBERVISOR_EXTRA_ROUTES_DIR to the directory of its route file");
  }
}
