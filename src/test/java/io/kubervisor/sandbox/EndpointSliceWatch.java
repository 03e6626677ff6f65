package io.kubervisor.sandbox;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The ready endpoints of a Service, as kube-proxy sees them: an informer on the Service's EndpointSlices, read again at
 * every change.
 */
public final class EndpointSliceWatch implements Endpoints, AutoCloseable {

  private final SharedIndexInformer<EndpointSlice> informer;
  private volatile List<String> ready = List.of();

  private EndpointSliceWatch(KubernetesClient client, String namespace, String service) {
    informer = client.discovery().v1().endpointSlices().inNamespace(namespace)
        .withLabel("kubernetes.io/service-name", service)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(EndpointSlice slice) {
            refresh();
          }

          @Override
          public void onUpdate(EndpointSlice before, EndpointSlice after) {
            refresh();
          }

          @Override
          public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
            refresh();
          }
        });
    refresh();
  }

  public static EndpointSliceWatch start(KubernetesClient client, String namespace, String service) {
    return new EndpointSliceWatch(client, namespace, service);
  }

  @Override
  public List<String> ready() {
    return ready;
  }

  private synchronized void refresh() {
    if (informer != null) {
      ready = readyPods(informer.getStore().list());
    }
  }

  /** Pods of ready endpoints; a missing ready condition means ready, as the EndpointSlice API says. */
  static List<String> readyPods(List<EndpointSlice> slices) {
    return slices.stream()
        .flatMap(slice -> slice.getEndpoints() == null ? Stream.<Endpoint>empty() : slice.getEndpoints().stream())
        .filter(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()))
        .map(e -> e.getTargetRef() == null ? null : e.getTargetRef().getName())
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .toList();
  }

  @Override
  public void close() {
    informer.close();
  }
}
