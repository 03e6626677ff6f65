package io.kubervisor.cli.dashboard;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.cli.ApiErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the dashboard shows, kept by informers (list, then watch) with the user's kubeconfig: the BreakerConfigs in
 * scope, the Services and pods they supervise, and kubervisor's Events. Every change calls {@code onChange}, so the
 * pages follow the cluster without polling it.
 */
final class Watched implements AutoCloseable {

  /** The component kubervisor's Events name as their source. */
  private static final String COMPONENT = "kubervisor";

  private final Scope scope;
  private final String server;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final SharedIndexInformer<BreakerConfig> configs;
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Event> events;

  /** Lists and starts watching; a refusal (such as RBAC) fails here, in the API server's words. */
  Watched(KubernetesClient client, Scope scope, Runnable onChange) {
    this.scope = scope;
    this.server = client.getMasterUrl().toString();
    String ns = scope.namespace();
    configs = start("BreakerConfigs", () -> scope.all()
        ? client.resources(BreakerConfig.class).inAnyNamespace().inform(handler(onChange))
        : client.resources(BreakerConfig.class).inNamespace(ns).inform(handler(onChange)));
    services = start("Services", () -> scope.all() ? client.services().inAnyNamespace().inform(handler(onChange))
        : client.services().inNamespace(ns).inform(handler(onChange)));
    pods = start("pods", () -> scope.all() ? client.pods().inAnyNamespace().inform(handler(onChange))
        : client.pods().inNamespace(ns).inform(handler(onChange)));
    events = start("kubervisor's Events", () -> scope.all()
        ? client.v1().events().inAnyNamespace().withField("source", COMPONENT).inform(handler(onChange))
        : client.v1().events().inNamespace(ns).withField("source", COMPONENT).inform(handler(onChange)));
  }

  /** Whether every watch is open; while one is not, its informer retries and the pages show what was last seen. */
  boolean watching() {
    return informers.stream().allMatch(SharedIndexInformer::isWatching);
  }

  List<BreakerConfig> breakerConfigs() {
    return configs.getStore().list();
  }

  List<Service> services() {
    return services.getStore().list();
  }

  List<Pod> pods() {
    return pods.getStore().list();
  }

  List<Event> events() {
    return events.getStore().list();
  }

  private <T extends HasMetadata> SharedIndexInformer<T> start(String what,
      Supplier<SharedIndexInformer<T>> inform) {
    try {
      SharedIndexInformer<T> informer = inform.get();
      informers.add(informer);
      return informer;
    } catch (KubernetesClientException e) {
      close();
      throw ApiErrors.explain(e, "watch " + what + " in " + scope, server);
    }
  }

  private static <T> ResourceEventHandler<T> handler(Runnable onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T added) {
        onChange.run();
      }

      @Override
      public void onUpdate(T before, T after) {
        onChange.run();
      }

      @Override
      public void onDelete(T deleted, boolean finalStateUnknown) {
        onChange.run();
      }
    };
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
