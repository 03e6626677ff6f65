package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.sandbox.TrafficWatch.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SummaryTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Outcome OK = new Outcome(200, 0.02);
  private static final Outcome ERROR = new Outcome(500, 0.02);

  private final RequestHistory clients = new RequestHistory();

  @Test
  void splitsTheClientsViewAtTheFaultAndAtTheLastEjectionOfItsPods() {
    requests(0, 10, 0);
    requests(10, 13, 1);
    requests(13, 30, 0);
    List<Transition> transitions = List.of(
        new Transition(at(12), "web-a", "yes", "no"),
        new Transition(at(13), "web-b", "yes", "no"),
        new Transition(at(20), "web-a", "no", "yes"),
        new Transition(at(22), "web-b", "no", "yes"),
        new Transition(at(24), "web-b", "yes", "no"),
        new Transition(at(25), "web-b", "no", "pause"),
        new Transition(at(26), "web-c", "yes", "no"),
        new Transition(at(27), "web-c", "no", TrafficWatch.GONE),
        new Transition(at(28), "web-d", null, "yes"));
    Summary.Run run = new Summary.Run(T0, at(30), clients, Map.of("web-a", at(10), "web-b", at(10)),
        Optional.empty(), transitions);

    Summary summary = Summary.of("test", run, 5, 10, 8, Set.of());

    assertThat(summary.before().from()).isZero();
    assertThat(summary.before().to()).isEqualTo(Duration.ofSeconds(10));
    assertThat(summary.before().clients()).extracting(RequestHistory.Totals::requests, RequestHistory.Totals::errors)
        .containsExactly(100L, 0L);
    assertThat(summary.during().to()).isEqualTo(Duration.ofSeconds(13));
    assertThat(summary.during().clients().errorRate()).isEqualTo(0.1);
    assertThat(summary.after().from()).isEqualTo(Duration.ofSeconds(13));
    assertThat(summary.after().clients().errorRate()).isZero();
    assertThat(summary.faultToEjection()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
    assertThat(summary).extracting(Summary::ejected, Summary::restored, Summary::paused, Summary::killed)
        .containsExactly(4, 2, 1, 1);
    assertThat(summary.lines()).contains(
        "  client error rate    before (0.0-10.0 s) 0.00%   during (10.0-13.0 s) 10.00%   after (13.0-30.0 s) 0.00%",
        "  fault to ejection    2.0 s to 3.0 s (2 of 2 faulty pods taken out)",
        "  pods                 ejected 4, restored 2, paused 1, killed 1",
        "  floor                at least 5 of 10 pods in traffic; fewest seen 8 (held)");
  }

  @Test
  void whenTheFloorKeepsFaultyPodsTheFaultLastsUntilTheFleetHeals() {
    requests(0, 40, 0);
    Summary.Run run = new Summary.Run(T0, at(40), clients, Map.of("web-a", at(10), "web-b", at(10)),
        Optional.of(at(30)), List.of(new Transition(at(12), "web-a", "yes", "no")));

    Summary summary = Summary.of("outage", run, 1, 2, 1, Set.of());

    assertThat(summary.during().to()).isEqualTo(Duration.ofSeconds(30));
    assertThat(summary.after().from()).isEqualTo(Duration.ofSeconds(30));
    assertThat(summary.lines()).contains("  fault to ejection    2.0 s (1 of 2 faulty pods taken out)");
  }

  @Test
  void withoutAFaultThereIsOnlyBeforeAndADryRunSaysWhatItWouldHaveDone() {
    requests(0, 20, 0);
    Summary.Run run = new Summary.Run(T0, at(20), clients, Map.of(), Optional.empty(), List.of());

    Summary summary = Summary.of("calm", run, 5, 10, 10, Set.of("web-b", "web-a"));

    assertThat(summary.during()).isNull();
    assertThat(summary.after()).isNull();
    assertThat(summary.lines()).contains("  fault to ejection    no fault",
        "  dry run              would have taken out 2 pods: web-a, web-b");
  }

  /** Ten requests a second from {@code from} to {@code to}, {@code errors} of them failing each second. */
  private void requests(int from, int to, int errors) {
    for (int second = from; second < to; second++) {
      for (int i = 0; i < 10; i++) {
        clients.record(at(second).plusMillis(i * 100), i < errors ? ERROR : OK);
      }
    }
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }
}
