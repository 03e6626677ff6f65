package io.kubervisor.bench;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How a size's pods are laid out: Services of equal size, each a Deployment with one BreakerConfig, grouped into
 * namespaces as teams would. By default the Services have {@value #DEFAULT_PODS_PER_SERVICE} pods, so BreakerConfigs
 * grow with the pods; with a fixed number of BreakerConfigs, the Services grow instead.
 */
record FleetLayout(int pods, int servicesPerNamespace, int breakerConfigs) {

  static final int DEFAULT_PODS_PER_SERVICE = 20;

  /** @param fixedBreakerConfigs null for one BreakerConfig per {@value #DEFAULT_PODS_PER_SERVICE} pods */
  static FleetLayout of(int pods, int servicesPerNamespace, Integer fixedBreakerConfigs) {
    return new FleetLayout(pods, servicesPerNamespace,
        fixedBreakerConfigs != null ? fixedBreakerConfigs : pods / DEFAULT_PODS_PER_SERVICE);
  }

  int podsPerService() {
    return pods / breakerConfigs;
  }

  /** One Service, its Deployment and its BreakerConfig share the name. */
  record ServiceRef(String namespace, String name) {

    String key() {
      return namespace + "/" + name;
    }
  }

  List<ServiceRef> services() {
    return IntStream.range(0, breakerConfigs)
        .mapToObj(i -> new ServiceRef("team-" + i / servicesPerNamespace, "svc-" + i))
        .toList();
  }

  List<String> namespaces() {
    return services().stream().map(ServiceRef::namespace).distinct().toList();
  }
}
