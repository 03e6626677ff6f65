package io.kubervisor.bench;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubervisor.bench.FleetLayout.ServiceRef;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * When each watched pod left its Service's EndpointSlices (no ready endpoint of it left), from an informer of them:
 * what clients of the Service see, the EndpointSlice controller's delay included.
 */
final class SliceExits implements AutoCloseable {

  private static final String SERVICE_NAME = "kubernetes.io/service-name";

  private final SharedIndexInformer<EndpointSlice> informer;
  private final Map<String, ServiceRef> watched = new ConcurrentHashMap<>();
  private final Map<String, Long> exitNanos = new ConcurrentHashMap<>();

  SliceExits(KubernetesClient client) {
    informer = client.discovery().v1().endpointSlices().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(EndpointSlice slice) {
        changed(slice);
      }

      @Override
      public void onUpdate(EndpointSlice before, EndpointSlice slice) {
        changed(slice);
      }

      @Override
      public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
        changed(slice);
      }
    });
  }

  /** Starts timing the pod ({@code namespace/name}) of {@code service}, which is among its endpoints now. */
  void watch(String podKey, ServiceRef service) {
    watched.put(podKey, service);
  }

  /** When the pod first had no ready endpoint left (System.nanoTime), or null. */
  Long exitNanos(String podKey) {
    return exitNanos.get(podKey);
  }

  private void changed(EndpointSlice slice) {
    long now = System.nanoTime();
    ServiceRef service = new ServiceRef(slice.getMetadata().getNamespace(),
        slice.getMetadata().getLabels().get(SERVICE_NAME));
    watched.forEach((podKey, ofService) -> {
      if (ofService.equals(service) && !exitNanos.containsKey(podKey) && !readyEndpoint(service, podKey)) {
        exitNanos.put(podKey, now);
      }
    });
  }

  /** Whether any slice of the Service, as the informer has them now, has a ready endpoint of the pod. */
  private boolean readyEndpoint(ServiceRef service, String podKey) {
    String pod = podKey.substring(podKey.indexOf('/') + 1);
    return informer.getStore().list().stream()
        .filter(slice -> service.namespace().equals(slice.getMetadata().getNamespace())
            && service.name().equals(slice.getMetadata().getLabels().get(SERVICE_NAME)))
        .flatMap(slice -> slice.getEndpoints() == null ? Stream.empty()
            : slice.getEndpoints().stream())
        .filter(endpoint -> endpoint.getConditions() == null
            || !Boolean.FALSE.equals(endpoint.getConditions().getReady()))
        .map(endpoint -> endpoint.getTargetRef() == null ? null : endpoint.getTargetRef().getName())
        .filter(Objects::nonNull)
        .anyMatch(pod::equals);
  }

  @Override
  public void close() {
    informer.close();
  }
}
