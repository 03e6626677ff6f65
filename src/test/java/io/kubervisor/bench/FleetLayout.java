package io.kubervisor.bench;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How a size's pods are laid out: Services of {@value #PODS_PER_SERVICE} pods, each a Deployment with one
 * BreakerConfig, grouped into namespaces as teams would.
 */
record FleetLayout(int pods, int servicesPerNamespace) {

  static final int PODS_PER_SERVICE = 20;

  /** One Service, its Deployment and its BreakerConfig share the name. */
  record ServiceRef(String namespace, String name) {

    String key() {
      return namespace + "/" + name;
    }
  }

  int breakerConfigs() {
    return pods / PODS_PER_SERVICE;
  }

  List<ServiceRef> services() {
    return IntStream.range(0, breakerConfigs())
        .mapToObj(i -> new ServiceRef("team-" + i / servicesPerNamespace, "svc-" + i))
        .toList();
  }

  List<String> namespaces() {
    return services().stream().map(ServiceRef::namespace).distinct().toList();
  }
}
