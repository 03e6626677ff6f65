package io.kubervisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class FleetGaugesTest {

  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final FleetGauges gauges = new FleetGauges(meters);

  private static BreakerConfigStatus status(int managed, int inTraffic, int broken, int paused) {
    BreakerConfigStatus status = new BreakerConfigStatus();
    status.managed = managed;
    status.inTraffic = inTraffic;
    status.broken = broken;
    status.paused = paused;
    status.unknown = managed - inTraffic - broken - paused;
    return status;
  }

  private double pods(String breakerConfig, String state) {
    return meters.get(Metrics.PODS).tags("namespace", "shop", "breakerconfig", breakerConfig, "state", state).gauge()
        .value();
  }

  @Test
  void theGaugesFollowTheLatestStatus() {
    gauges.record("shop", "web", status(10, 10, 0, 0));
    gauges.record("shop", "web", status(10, 7, 2, 1));

    assertThat(meters.get(Metrics.MANAGED_PODS).tags("namespace", "shop", "breakerconfig", "web").gauge().value())
        .isEqualTo(10);
    assertThat(pods("web", "in_traffic")).isEqualTo(7);
    assertThat(pods("web", "broken")).isEqualTo(2);
    assertThat(pods("web", "paused")).isEqualTo(1);
    assertThat(pods("web", "unknown")).isZero();
  }

  @Test
  void aDeletedBreakerConfigLeavesNoSeriesBehind() {
    gauges.record("shop", "web", status(4, 3, 1, 0));
    gauges.record("shop", "api", status(2, 2, 0, 0));
    new PassMetrics(meters).count("break", "shop", "web");

    gauges.forget("shop", "web");

    assertThat(meters.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTag("breakerconfig"))
        .isEqualTo("api"));
    assertThat(pods("api", "in_traffic")).isEqualTo(2);
  }

  @Test
  void aReplicaThatStopsLeadingStopsReportingFleets() {
    gauges.record("shop", "web", status(4, 3, 1, 0));
    new PassMetrics(meters).count("break", "shop", "web");

    gauges.forgetAll();

    assertThat(meters.find(Metrics.PODS).gauges()).isEmpty();
    assertThat(meters.find(Metrics.MANAGED_PODS).gauges()).isEmpty();
    assertThat(meters.find(Metrics.DECISIONS).counters()).as("counters keep counting across leaderships").hasSize(1);

    gauges.record("shop", "web", status(4, 4, 0, 0));
    assertThat(pods("web", "in_traffic")).as("leading again registers them anew").isEqualTo(4);
  }
}
