package io.kubervisor.faults;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubervisor.it.PodMetricsServer;

/** Every pod of a namespace serves its series as soon as a watch sees it: the pods a rollout creates included. */
final class PodEnrolment implements AutoCloseable {

  private final SharedIndexInformer<Pod> informer;

  private PodEnrolment(SharedIndexInformer<Pod> informer) {
    this.informer = informer;
  }

  static PodEnrolment start(KubernetesClient client, String namespace, PodMetricsServer metrics) {
    return new PodEnrolment(client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        metrics.addPod(namespace, pod.getMetadata().getName());
      }

      @Override
      public void onUpdate(Pod before, Pod after) {
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
      }
    }));
  }

  @Override
  public void close() {
    informer.close();
  }
}
