package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.util.function.Consumer;

/**
 * Maps what the cache sees to the BreakerConfigs it concerns: a BreakerConfig itself, the BreakerConfigs of a Service,
 * or those of a pod's namespace (cheap: reconciles read only the cache).
 */
public final class ChangeFeed {

  private ChangeFeed() {}

  /** @param reconcile called with "namespace/name" of each BreakerConfig to reconcile */
  public static void connect(ClusterCache cache, Consumer<String> reconcile) {
    cache.addListener(change -> {
      if (change.resource() instanceof BreakerConfig) {
        reconcile.accept(change.namespace() + "/" + change.name());
      } else if (change.resource() instanceof Service) {
        cache.breakerConfigs().stream()
            .filter(c -> c.getMetadata().getNamespace().equals(change.namespace()))
            .filter(c -> change.name().equals(c.getSpec().service))
            .forEach(c -> reconcile.accept(change.namespace() + "/" + c.getMetadata().getName()));
      } else if (change.resource() instanceof Pod) {
        cache.breakerConfigs().stream()
            .filter(c -> c.getMetadata().getNamespace().equals(change.namespace()))
            .forEach(c -> reconcile.accept(change.namespace() + "/" + c.getMetadata().getName()));
      }
    });
  }
}
