package io.kubervisor.sandbox;

import io.kubervisor.fixtures.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final AtomicInteger requests = new AtomicInteger();

  @Test
  void sendsWhatTheRateOwesSinceTheStartSoALateTickCatchesUp() {
    LoadGenerator load = new LoadGenerator(requests::incrementAndGet, 200, clock);
    load.tick();
    assertThat(requests).hasValue(0);

    clock.advance(Duration.ofMillis(10));
    load.tick();
    assertThat(requests).hasValue(2);

    clock.advance(Duration.ofMillis(1490));
    load.tick();
    assertThat(requests).hasValue(300);
    assertThat(load.sent()).isEqualTo(300);
  }

  @Test
  void runsOnItsOwnThreadUntilClosed() {
    try (LoadGenerator load = new LoadGenerator(requests::incrementAndGet, 1000, Clock.systemUTC())) {
      load.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> requests.get() >= 100);
    }
    int stopped = requests.get();
    await("no request after close").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
        .until(() -> requests.get() == stopped);
  }

  @Test
  void refusesANonPositiveRate() {
    assertThatThrownBy(() -> new LoadGenerator(requests::incrementAndGet, 0, clock))
        .hasMessageContaining("positive");
  }
}
