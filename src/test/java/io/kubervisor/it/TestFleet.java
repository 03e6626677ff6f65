package io.kubervisor.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Deployment of N pods behind a Service that selects on {@code kubervisor/traffic=yes}, on the real control plane
 * (kwok runs the pods). The pods start without the traffic label, and kubervisor adds it on sight, unless the fleet is
 * created {@link #BORN_IN_TRAFFIC}.
 */
public final class TestFleet {

  /** Pod template labels with which every new pod joins traffic at birth, without waiting for the operator. */
  public static final Map<String, String> BORN_IN_TRAFFIC = Map.of(TrafficLabels.TRAFFIC, TrafficLabels.YES);

  public final String namespace;
  public final String name;
  private final KubernetesClient client;

  private TestFleet(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  public static TestFleet create(KubernetesClient client, String namespace, String name, int replicas) {
    return create(client, namespace, name, replicas, Map.of());
  }

  /** @param templateLabels labels of the pod template besides the selector's, such as {@link #BORN_IN_TRAFFIC} */
  public static TestFleet create(KubernetesClient client, String namespace, String name, int replicas,
      Map<String, String> templateLabels) {
    Map<String, String> labels = Map.of("app", name);
    Map<String, String> podLabels = new HashMap<>(templateLabels);
    podLabels.putAll(labels);
    client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(podLabels).endMetadata()
        .withNewSpec()
        .addNewContainer().withName("app").withImage("example.com/web:1").addNewPort().withContainerPort(8080)
        .endPort().endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build()).create();
    client.services().inNamespace(namespace).resource(new ServiceBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec()
        .withSelector(Map.of("app", name, TrafficLabels.TRAFFIC, TrafficLabels.YES))
        .addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort()
        .endSpec()
        .build()).create();
    TestFleet fleet = new TestFleet(client, namespace, name);
    await("" + replicas + " pods of " + name + " running and ready").atMost(Duration.ofSeconds(90))
        .until(() -> fleet.pods().stream().filter(ServicePods::isManaged).count() == replicas);
    return fleet;
  }

  public List<Pod> pods() {
    return client.pods().inNamespace(namespace).withLabel("app", name).list().getItems().stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  public List<String> podNames() {
    return pods().stream().map(p -> p.getMetadata().getName()).sorted().toList();
  }

  public String traffic(String pod) {
    Map<String, String> labels = client.pods().inNamespace(namespace).withName(pod).get().getMetadata().getLabels();
    return labels.get(TrafficLabels.TRAFFIC);
  }

  public List<String> podsWithTraffic(String value) {
    return pods().stream().filter(p -> value.equals(p.getMetadata().getLabels().get(TrafficLabels.TRAFFIC)))
        .map(p -> p.getMetadata().getName()).sorted().toList();
  }

  /** Ready endpoints of the Service, by pod name, as the EndpointSlice controller publishes them. */
  public List<String> readyEndpoints() {
    return client.discovery().v1().endpointSlices().inNamespace(namespace)
        .withLabel("kubernetes.io/service-name", name).list().getItems().stream()
        .flatMap(slice -> slice.getEndpoints() == null ? java.util.stream.Stream.<Endpoint>empty()
            : slice.getEndpoints().stream())
        .filter(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()))
        .map(e -> e.getTargetRef() == null ? null : e.getTargetRef().getName())
        .filter(Objects::nonNull)
        .sorted()
        .toList();
  }
}
