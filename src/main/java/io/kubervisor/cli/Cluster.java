package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The reads and writes of the commands, in one namespace, each failure turned into a line that says what to do: a
 * missing object names the command that lists them, a missing CRD says how to install it.
 */
public final class Cluster implements AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;

  public Cluster(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public String namespace() {
    return namespace;
  }

  /** The user's client, for what the commands' own reads do not cover, such as the API server's service proxy. */
  public KubernetesClient client() {
    return client;
  }

  /** Every BreakerConfig of the namespace, or of all namespaces. */
  List<BreakerConfig> breakerConfigs(boolean allNamespaces) {
    return listBreakerConfigs("list BreakerConfigs in " + (allNamespaces ? "all namespaces" : "namespace " + namespace),
        () -> allNamespaces ? client.resources(BreakerConfig.class).inAnyNamespace().list().getItems()
            : client.resources(BreakerConfig.class).inNamespace(namespace).list().getItems());
  }

  BreakerConfig breakerConfig(String name) {
    return findBreakerConfig(name).orElseThrow(() -> new CliException("breakerconfig " + name
        + " not found in namespace " + namespace + "; list them with: kubectl kubervisor status -n " + namespace));
  }

  /** Listed by name rather than read: a list of a type the API server does not know fails, a read only says null. */
  Optional<BreakerConfig> findBreakerConfig(String name) {
    return listBreakerConfigs("read BreakerConfig " + name + " in namespace " + namespace,
        () -> client.resources(BreakerConfig.class).inNamespace(namespace).withField("metadata.name", name).list()
            .getItems()).stream().findFirst();
  }

  /** A 404 on a list means the API server has no BreakerConfig type: the CRD is not installed. */
  private List<BreakerConfig> listBreakerConfigs(String action, Supplier<List<BreakerConfig>> list) {
    try {
      return call(action, list);
    } catch (CliException e) {
      if (e.getCause() instanceof KubernetesClientException api && api.getCode() == 404) {
        throw new CliException("the BreakerConfig CRD is not installed in the cluster at " + client.getMasterUrl()
            + "; install it: kubectl apply -f deploy/crd/", e);
      }
      throw e;
    }
  }

  /** A JSON merge patch of a BreakerConfig's spec or metadata. */
  void patchBreakerConfig(String name, String mergePatch) {
    call("update BreakerConfig " + name + " in namespace " + namespace, () -> client.resources(BreakerConfig.class)
        .inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch));
  }

  Service service(String name) {
    return findService(name).orElseThrow(() -> new CliException("service " + name + " not found in namespace "
        + namespace + "; check the name with: kubectl get services -n " + namespace));
  }

  Optional<Service> findService(String name) {
    return Optional.ofNullable(call("read Service " + name + " in namespace " + namespace,
        () -> client.services().inNamespace(namespace).withName(name).get()));
  }

  void patchService(String name, String mergePatch) {
    call("update Service " + name + " in namespace " + namespace, () -> client.services().inNamespace(namespace)
        .withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch));
  }

  /** A workload that owns pods, by kind (Deployment, ReplicaSet, StatefulSet, DaemonSet); empty when gone. */
  Optional<HasMetadata> workload(String kind, String name) {
    return Optional.ofNullable(call("read " + kind + " " + name + " in namespace " + namespace, () -> switch (kind) {
      case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(name).get();
      case "ReplicaSet" -> client.apps().replicaSets().inNamespace(namespace).withName(name).get();
      case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(name).get();
      case "DaemonSet" -> client.apps().daemonSets().inNamespace(namespace).withName(name).get();
      default -> null;
    }));
  }

  /** A JSON merge patch of a workload. */
  void patchWorkload(HasMetadata workload, String mergePatch) {
    call("update " + workload.getKind() + " " + workload.getMetadata().getName() + " in namespace " + namespace,
        () -> client.resource(workload).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch));
  }

  Pod pod(String name) {
    Pod pod = call("read pod " + name + " in namespace " + namespace,
        () -> client.pods().inNamespace(namespace).withName(name).get());
    if (pod == null) {
      throw new CliException("pod " + name + " not found in namespace " + namespace
          + "; check the name with: kubectl get pods -n " + namespace);
    }
    return pod;
  }

  List<Pod> pods(Map<String, String> selector) {
    return call("list pods in namespace " + namespace,
        () -> client.pods().inNamespace(namespace).withLabels(selector).list().getItems());
  }

  void patchPod(String name, String mergePatch) {
    call("update pod " + name + " in namespace " + namespace, () -> client.pods().inNamespace(namespace)
        .withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch));
  }

  /** Events about an object of the namespace. */
  List<Event> events(String involvedObject) {
    return call("list the events of " + involvedObject + " in namespace " + namespace,
        () -> client.v1().events().inNamespace(namespace).withField("involvedObject.name", involvedObject).list()
            .getItems());
  }

  private <T> T call(String action, Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      throw ApiErrors.explain(e, action, client.getMasterUrl().toString());
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
