package io.kubervisor.sandbox;

import io.kubervisor.fixtures.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.analysis.OutlierRule;
import io.kubervisor.analysis.Sample;
import io.kubervisor.analysis.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedFleetTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final ManualClock clock = new ManualClock(T0);
  private final List<String> ready = new ArrayList<>(List.of("web-a", "web-b", "web-c"));
  private final SimulatedFleet fleet = new SimulatedFleet("shop", "web", Duration.ofMillis(20), () -> ready, clock,
      new Random(42));

  @Test
  void requestsGoOnlyToReadyEndpoints() {
    send(300);
    clock.advance(Duration.ofSeconds(1));
    long beforeRemoval = served("web-b");
    ready.remove("web-b");
    send(300);

    clock.advance(Duration.ofSeconds(1));
    assertThat(beforeRemoval).isBetween(70L, 130L);
    assertThat(served("web-b")).isEqualTo(beforeRemoval);
    assertThat(served("web-a") + served("web-b") + served("web-c")).isEqualTo(600);
    assertThat(fleet.clients().last(WINDOW, clock.instant()).requests()).isEqualTo(600);
  }

  @Test
  void aPodOutOfTrafficGetsNothingEvenWhenFaulty() {
    fleet.behave("web-b", new Behaviour(1, null, null));
    ready.remove("web-b");

    send(200);

    clock.advance(Duration.ofSeconds(1));
    assertThat(served("web-b")).isZero();
    assertThat(fleet.clients().last(WINDOW, clock.instant()).errors()).isZero();
  }

  @Test
  void clientsSeeTheFaultySharesErrors() {
    fleet.behave("web-a", new Behaviour(0.5, null, null));

    send(3000);

    clock.advance(Duration.ofSeconds(1));
    assertThat(fleet.clients().last(WINDOW, clock.instant()).errorRate()).isBetween(0.13, 0.20);
    assertThat(fleet.served("web-a").last(WINDOW, clock.instant()).errorRate()).isBetween(0.45, 0.55);
  }

  @Test
  void withoutAReadyEndpointEveryRequestFailsAtOnce() {
    ready.clear();

    Outcome outcome = fleet.send();

    assertThat(outcome).isEqualTo(Outcome.NO_ENDPOINT);
    assertThat(outcome.failed()).isTrue();
  }

  @Test
  void aSlowPodIsSlowAndTheOthersKeepTheirOwnLatency() {
    fleet.behave("web-a", new Behaviour(0, Duration.ofMillis(250), null));

    send(900);

    clock.advance(Duration.ofSeconds(1));
    assertThat(fleet.served("web-a").last(WINDOW, clock.instant()).meanLatencySeconds()).isBetween(0.24, 0.26);
    assertThat(fleet.served("web-b").last(WINDOW, clock.instant()).meanLatencySeconds()).isBetween(0.017, 0.023);
  }

  @Test
  void aHealthyFleetHasNoOutlierOfItsOwnButASlowPodIsOne() {
    ready.clear();
    IntStream.range(0, 10).forEach(i -> ready.add("web-" + i));
    send(10_000);
    assertThat(outliers(T0)).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    fleet.behave("web-3", new Behaviour(0, Duration.ofMillis(250), null));
    send(10_000);

    assertThat(outliers(clock.instant())).containsExactly("web-3");
  }

  @Test
  void exposesCountersByCodeAndALatencyHistogramPerPod() {
    fleet.behave("web-a", new Behaviour(1, null, null));
    ready.retainAll(List.of("web-a"));
    send(3);

    String exposition = fleet.exposition();

    String labels = "namespace=\"shop\",service=\"web\",pod=\"web-a\"";
    assertThat(exposition).contains(
        "# TYPE http_requests_total counter",
        "http_requests_total{" + labels + ",code=\"200\"} 0\n",
        "http_requests_total{" + labels + ",code=\"500\"} 3\n",
        "# TYPE http_request_duration_seconds histogram",
        "http_request_duration_seconds_bucket{" + labels + ",le=\"0.005\"} 0\n",
        "http_request_duration_seconds_bucket{" + labels + ",le=\"0.025\"} 3\n",
        "http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 3\n",
        "http_request_duration_seconds_count{" + labels + "} 3\n");
    assertThat(exposition.indexOf("# TYPE http_request_duration_seconds"))
        .isGreaterThan(exposition.lastIndexOf("http_requests_total{"));
  }

  /** The pods the outlier rule finds by their mean latency in the second from {@code from}. */
  private List<String> outliers(Instant from) {
    List<Sample> means = ready.stream()
        .map(pod -> new Sample(Map.of("pod", pod),
            fleet.served(pod).between(from, from.plusSeconds(1)).meanLatencySeconds()))
        .toList();
    return new OutlierRule("pod", OutlierRule.Method.MedianAbsoluteDeviation, OutlierRule.BadWhen.High, null, 0, 5)
        .analyse(means, Set.copyOf(ready)).verdicts().stream()
        .filter(Verdict::anomalous).map(Verdict::pod).toList();
  }

  private void send(int requests) {
    for (int i = 0; i < requests; i++) {
      fleet.send();
    }
  }

  private long served(String pod) {
    return fleet.served(pod).last(WINDOW, clock.instant()).requests();
  }
}
