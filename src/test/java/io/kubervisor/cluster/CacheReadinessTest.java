package io.kubervisor.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.cluster.ClusterCache.WatchState;
import io.kubervisor.fixtures.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readiness against an injected clock and hand-set informer states. */
class CacheReadinessTest {

  private static final Duration RESYNC = Duration.ofSeconds(60);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final AtomicReference<List<WatchState>> watches = new AtomicReference<>(List.of());
  private final CacheReadiness readiness = new CacheReadiness(watches::get, RESYNC, clock);

  @BeforeEach
  void bind() {
    readiness.setCamelContext(new DefaultCamelContext());
  }

  private static List<WatchState> all(boolean synced, boolean podsWatching) {
    return List.of(new WatchState("BreakerConfigs", synced, true), new WatchState("Services", synced, true),
        new WatchState("Pods", synced, podsWatching));
  }

  private HealthCheck.Result probe() {
    return readiness.call(Map.of());
  }

  @Test
  void downUntilTheCachesHaveSynced() {
    assertThat(probe().getState()).isEqualTo(HealthCheck.State.DOWN);
    watches.set(all(false, true));
    assertThat(probe().getState()).isEqualTo(HealthCheck.State.DOWN);
    assertThat(probe().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("not synced"));

    watches.set(all(true, true));
    assertThat(probe().getState()).isEqualTo(HealthCheck.State.UP);
  }

  @Test
  void aWatchDownForLessThanTheResyncPeriodKeepsTheReplicaReady() {
    watches.set(all(true, false));
    assertThat(probe().getState()).isEqualTo(HealthCheck.State.UP);
    clock.advance(RESYNC);
    assertThat(probe().getState()).isEqualTo(HealthCheck.State.UP);

    watches.set(all(true, true));
    clock.advance(Duration.ofSeconds(30));
    assertThat(probe().getState()).isEqualTo(HealthCheck.State.UP);
    watches.set(all(true, false));
    clock.advance(Duration.ofSeconds(30));
    assertThat(probe().getState()).as("a new outage starts its own count").isEqualTo(HealthCheck.State.UP);
  }

  @Test
  void aWatchDownForLongerThanTheResyncPeriodMakesItUnreadyUntilItReturns() {
    watches.set(all(true, false));
    probe();
    clock.advance(RESYNC.plusSeconds(1));

    HealthCheck.Result result = probe();
    assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
    assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("watch of Pods")
        .contains("longer than the resync period (60s)"));

    watches.set(all(true, true));
    assertThat(probe().getState()).isEqualTo(HealthCheck.State.UP);
  }

  @Test
  void itIsAReadinessCheckOnly() {
    assertThat(readiness.isReadiness()).isTrue();
    assertThat(readiness.isLiveness()).isFalse();
  }
}
