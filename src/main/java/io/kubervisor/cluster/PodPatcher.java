package io.kubervisor.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/**
 * Writes kubervisor's keys on a pod with one JSON merge patch, so every other label and annotation stays as it is (the
 * camel-kubernetes updatePod producer would replace the whole pod). The patch carries the resourceVersion the decision
 * was made on: if the pod changed since, the API server refuses it with a conflict and nothing stale is applied.
 */
public class PodPatcher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;

  /** @param client the client for writes: no retries, a short timeout (see OperatorConfiguration) */
  public PodPatcher(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param trafficValue the traffic label's new value, or null to leave it
   * @param annotations a null value removes that annotation
   * @return the pod as the API server returned it
   * @throws StalePodException when the pod changed after {@code pod} was read
   * @throws KubernetesClientException with code 404 when the pod is gone
   */
  public CachedPod patch(WriteFence fence, CachedPod pod, String trafficValue, Map<String, String> annotations) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("resourceVersion", pod.resourceVersion());
    if (trafficValue != null) {
      metadata.putObject("labels").put(TrafficLabels.TRAFFIC, trafficValue);
    }
    if (!annotations.isEmpty()) {
      ObjectNode annotationsNode = metadata.putObject("annotations");
      annotations.forEach(annotationsNode::put);
    }
    ObjectNode patch = JSON.createObjectNode();
    patch.set("metadata", metadata);
    fence.check();
    try {
      return CachedPod.of(client.pods().inNamespace(pod.namespace()).resource(Stubs.pod(pod.namespace(), pod.name()))
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString()));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new StalePodException(pod, e);
      }
      throw e;
    }
  }

  /** Re-reads a pod from the API server, after a conflict showed the cached copy is stale; null when it is gone. */
  public CachedPod fresh(CachedPod pod) {
    Pod current = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
    return current == null ? null : CachedPod.of(current);
  }

  /** The pod changed since it was read; the caller re-reads it and decides again. */
  public static class StalePodException extends RuntimeException {
    public StalePodException(CachedPod pod, Throwable cause) {
      super("Pod " + pod.namespace() + "/" + pod.name() + " changed since it was read", cause);
    }
  }
}
