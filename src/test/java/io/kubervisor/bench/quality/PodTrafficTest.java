package io.kubervisor.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PodTrafficTest {

  @Test
  void requestsServedBeforeTheScenarioStartsStayOutOfItsTimeline() {
    AtomicLong nanos = new AtomicLong();
    RunClock clock = new RunClock(nanos::get);
    PodTraffic traffic = new PodTraffic(clock);
    nanos.set(Duration.ofSeconds(5).toNanos());
    traffic.record(true);

    nanos.set(Duration.ofSeconds(40).toNanos());
    clock.markStart();
    nanos.set(Duration.ofMillis(40_250).toNanos());
    traffic.record(false);

    assertThat(traffic.requests(Duration.ZERO, Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(traffic.requests(Duration.ofMillis(200), Duration.ofMillis(300))).isEqualTo(1);
    assertThat(traffic.errors(Duration.ZERO, Duration.ofSeconds(60))).isZero();
    assertThat(traffic.errors(Duration.ofSeconds(-40), Duration.ZERO)).isEqualTo(1);
  }
}
