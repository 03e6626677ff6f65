package io.kubervisor.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Kills pods through the Eviction API, so PodDisruptionBudgets are honoured; a plain DELETE only when the user asked.
 */
public class PodKiller {

  private final KubernetesClient client;

  /** @param client the client for writes */
  public PodKiller(KubernetesClient client) {
    this.client = client;
  }

  /** @return true if the pod is going; false if a PodDisruptionBudget refused the eviction (retry later) */
  public boolean evict(WriteFence fence, CachedPod pod) {
    fence.check();
    try {
      return client.pods().inNamespace(pod.namespace()).withName(pod.name()).evict();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return true; // already gone
      }
      throw e;
    }
  }

  public void delete(WriteFence fence, CachedPod pod) {
    fence.check();
    client.pods().inNamespace(pod.namespace()).withName(pod.name()).delete();
  }
}
