package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubervisor.api.v1alpha1.BreakerConfig;

/**
 * Cached objects without what no pass reads: a Service is its name and selector, a BreakerConfig loses its managed
 * fields and kubectl's copy of the last applied spec, which are most of its size.
 */
final class Trimmed {

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private Trimmed() {}

  static Service service(Service service) {
    ObjectMeta meta = new ObjectMeta();
    meta.setNamespace(Strings.intern(service.getMetadata().getNamespace()));
    meta.setName(service.getMetadata().getName());
    meta.setUid(service.getMetadata().getUid());
    meta.setResourceVersion(service.getMetadata().getResourceVersion());
    ServiceSpec spec = new ServiceSpec();
    spec.setSelector(service.getSpec() == null ? null : Strings.intern(service.getSpec().getSelector()));
    Service trimmed = new Service();
    trimmed.setMetadata(meta);
    trimmed.setSpec(spec);
    return trimmed;
  }

  /** The same object, lighter: the informer hands each version over once, and nothing else holds it. */
  static BreakerConfig breakerConfig(BreakerConfig config) {
    config.getMetadata().setManagedFields(null);
    if (config.getMetadata().getAnnotations() != null) {
      config.getMetadata().getAnnotations().remove(LAST_APPLIED);
    }
    return config;
  }
}
