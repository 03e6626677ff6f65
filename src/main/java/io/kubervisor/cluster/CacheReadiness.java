package io.kubervisor.cluster;

import io.kubervisor.cluster.ClusterCache.WatchState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of {@code /health/ready}: down until the caches have synced, and down again when a watch has been down for
 * longer than the resync period, since decisions would then rest on a stale view. A watch that drops and comes back
 * within that period (an API server restart, a 410 Gone re-list) keeps the replica ready. Not a liveness check: a
 * restart would not bring the API server back.
 */
public class CacheReadiness extends AbstractHealthCheck {

  private final Supplier<List<WatchState>> watches;
  private final Duration tolerance;
  private final Clock clock;
  /** When each watch was first seen down; probes are periodic, so this is at most one probe period late. */
  private final Map<String, Instant> downSince = new ConcurrentHashMap<>();

  /** @param watches the informers' state: {@link ClusterCache#watches()} */
  public CacheReadiness(Supplier<List<WatchState>> watches, Duration tolerance, Clock clock) {
    super("kubervisor", "caches");
    this.watches = watches;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    List<WatchState> current = watches.get();
    if (current.isEmpty() || !current.stream().allMatch(WatchState::synced)) {
      builder.message("the caches of BreakerConfigs, Services and Pods have not synced yet").down();
      return;
    }
    Instant now = clock.instant();
    for (WatchState watch : current) {
      if (watch.watching()) {
        downSince.remove(watch.resource());
      } else {
        downSince.putIfAbsent(watch.resource(), now);
      }
    }
    for (Map.Entry<String, Instant> down : downSince.entrySet()) {
      if (Duration.between(down.getValue(), now).compareTo(tolerance) > 0) {
        builder.message("the watch of " + down.getKey() + " has been down since " + down.getValue()
            + ", longer than the resync period (" + tolerance.toSeconds() + "s)").down();
        return;
      }
    }
    builder.up();
  }
}
