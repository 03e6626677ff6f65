package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Maps what the cache sees to the BreakerConfigs it concerns: a BreakerConfig itself, the BreakerConfigs of a Service,
 * and for a pod only the BreakerConfigs whose Service selects it or that took it out of traffic.
 */
public final class ChangeFeed {

  private ChangeFeed() {}

  /** @param wake called with "namespace/name" of each BreakerConfig that needs a pass */
  public static void connect(ClusterCache cache, Consumer<String> wake) {
    cache.addListener(change -> {
      String namespace = change.namespace();
      if (change.resource() instanceof BreakerConfig) {
        wake.accept(namespace + "/" + change.name());
      } else if (change.resource() instanceof Service) {
        cache.breakerConfigsOf(namespace, change.name())
            .forEach(c -> wake.accept(namespace + "/" + c.getMetadata().getName()));
      } else if (change.resource() instanceof Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        String owner = TrafficLabels.annotation(pod, TrafficLabels.BREAKER_CONFIG);
        for (BreakerConfig config : cache.breakerConfigsIn(namespace)) {
          String name = config.getMetadata().getName();
          if (name.equals(owner) || config.getSpec() != null && cache.service(namespace, config.getSpec().service)
              .map(service -> ServicePods.selects(service, labels)).orElse(false)) {
            wake.accept(namespace + "/" + name);
          }
        }
      }
    });
  }
}
