package io.kubervisor.engine;

import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The fleet of each BreakerConfig as gauges, from the status the leader last built: managed pods, and pods by traffic
 * state. Only the leader exports them, so a dashboard's sum over replicas counts each pod once.
 */
public class FleetGauges {

  /** The {@code state} tag values of {@link Metrics#PODS}. */
  static final List<String> STATES = List.of("in_traffic", "broken", "paused", "unknown");

  private final MeterRegistry registry;
  private final Map<String, Map<String, AtomicInteger>> fleets = new ConcurrentHashMap<>();

  FleetGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String namespace, String breakerConfig, BreakerConfigStatus status) {
    Map<String, AtomicInteger> fleet = fleets.computeIfAbsent(Supervisions.key(namespace, breakerConfig),
        key -> register(namespace, breakerConfig));
    fleet.get("managed").set(status.managed);
    fleet.get("in_traffic").set(status.inTraffic);
    fleet.get("broken").set(status.broken);
    fleet.get("paused").set(status.paused);
    fleet.get("unknown").set(status.unknown);
  }

  /** A deleted BreakerConfig: all its meters go, the decision and detector ones included, so no series lingers. */
  void forget(String namespace, String breakerConfig) {
    fleets.remove(Supervisions.key(namespace, breakerConfig));
    removeMeters(id -> id.getName().startsWith("kubervisor.") && namespace.equals(id.getTag(Metrics.NAMESPACE_TAG))
        && breakerConfig.equals(id.getTag(Metrics.BREAKER_CONFIG_TAG)));
  }

  /** Leadership lost, or its Lease may have lapsed: another replica reports the fleets now. */
  void forgetAll() {
    if (fleets.isEmpty()) {
      return;
    }
    fleets.clear();
    removeMeters(id -> id.getName().equals(Metrics.PODS) || id.getName().equals(Metrics.MANAGED_PODS));
  }

  private void removeMeters(Predicate<Meter.Id> which) {
    registry.getMeters().stream().filter(meter -> which.test(meter.getId())).forEach(registry::remove);
  }

  private Map<String, AtomicInteger> register(String namespace, String breakerConfig) {
    Map<String, AtomicInteger> fleet = new ConcurrentHashMap<>();
    AtomicInteger managed = new AtomicInteger();
    fleet.put("managed", managed);
    Gauge.builder(Metrics.MANAGED_PODS, managed, AtomicInteger::get)
        .description("Pods of the Service that kubervisor manages: the fleet the floor is computed from")
        .tags(Metrics.NAMESPACE_TAG, namespace, Metrics.BREAKER_CONFIG_TAG, breakerConfig)
        .register(registry);
    for (String state : STATES) {
      AtomicInteger count = new AtomicInteger();
      fleet.put(state, count);
      Gauge.builder(Metrics.PODS, count, AtomicInteger::get)
          .description("Managed pods by traffic state")
          .tags(Metrics.NAMESPACE_TAG, namespace, Metrics.BREAKER_CONFIG_TAG, breakerConfig, "state", state)
          .register(registry);
    }
    return fleet;
  }
}
