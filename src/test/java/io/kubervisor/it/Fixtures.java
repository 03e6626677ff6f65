package io.kubervisor.it;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.cluster.TrafficLabels;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.Map;
import java.util.Optional;

/** Small reads and writes the integration tests share. */
final class Fixtures {

  private Fixtures() {}

  /** A BreakerConfig from the YAML of its spec, as a user writes it. */
  static BreakerConfig breakerConfig(String ns, String name, String spec) {
    return Serialization.unmarshal("""
        apiVersion: kubervisor.io/v1alpha1
        kind: BreakerConfig
        metadata:
          name: %s
          namespace: %s
        spec:
        """.formatted(name, ns) + spec.indent(2), BreakerConfig.class);
  }

  static void apply(KubernetesClient client, BreakerConfig config) {
    client.resources(BreakerConfig.class).inNamespace(config.getMetadata().getNamespace()).resource(config).create();
  }

  static BreakerConfig get(KubernetesClient client, String ns, String name) {
    return client.resources(BreakerConfig.class).inNamespace(ns).withName(name).get();
  }

  /** The status, empty until the operator has written one. */
  static BreakerConfigStatus status(KubernetesClient client, String ns, String name) {
    BreakerConfig config = get(client, ns, name);
    return config == null || config.getStatus() == null ? new BreakerConfigStatus() : config.getStatus();
  }

  static Optional<Condition> condition(BreakerConfig config, String type) {
    return config == null || config.getStatus() == null ? Optional.empty()
        : config.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static List<Event> events(KubernetesClient client, String ns, String involvedObject) {
    return client.v1().events().inNamespace(ns).withField("involvedObject.name", involvedObject).list().getItems();
  }

  static Map<String, String> annotations(KubernetesClient client, String ns, String pod) {
    Pod current = client.pods().inNamespace(ns).withName(pod).get();
    return current == null || current.getMetadata().getAnnotations() == null ? Map.of()
        : current.getMetadata().getAnnotations();
  }

  static boolean hasKubervisorAnnotations(KubernetesClient client, String ns, String pod) {
    return annotations(client, ns, pod).keySet().stream().anyMatch(TrafficLabels.ANNOTATIONS::contains);
  }

  static <T> org.hamcrest.Matcher<T> is(T expected) {
    return org.hamcrest.Matchers.equalTo(expected);
  }

  /** Passes that evaluated, as the BreakerConfig's MBean counts them; 0 before it exists. */
  static long evaluations(String ns, String name) throws Exception {
    Object value = attribute(ns, name, "Evaluations");
    return value == null ? 0 : (Long) value;
  }

  static Object attribute(String ns, String name, String attribute) throws Exception {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    ObjectName bean = new ObjectName("io.kubervisor:type=BreakerConfig,namespace=" + ObjectName.quote(ns) + ",name="
        + ObjectName.quote(name));
    return jmx.isRegistered(bean) ? jmx.getAttribute(bean, attribute) : null;
  }
}
