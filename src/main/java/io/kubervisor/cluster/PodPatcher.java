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

  public PodPatcher(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param annotations a null value removes that annotation
   * @return the patched pod
   * @throws StalePodException when the pod changed after {@code pod} was read
   */
  public Pod patch(Pod pod, String trafficValue, Map<String, String> annotations) {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("resourceVersion", pod.getMetadata().getResourceVersion());
    if (trafficValue != null) {
      metadata.putObject("labels").put(TrafficLabels.TRAFFIC, trafficValue);
    }
    if (!annotations.isEmpty()) {
      ObjectNode annotationsNode = metadata.putObject("annotations");
      annotations.forEach(annotationsNode::put);
    }
    ObjectNode patch = JSON.createObjectNode();
    patch.set("metadata", metadata);
    try {
      return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new StalePodException(pod, e);
      }
      throw e;
    }
  }

  /** Re-reads a pod from the API server, after a conflict showed the cached copy is stale. */
  public Pod fresh(Pod pod) {
    return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
  }

  /** The pod changed since it was read; the caller re-reads it and decides again. */
  public static class StalePodException extends RuntimeException {
    public StalePodException(Pod pod, Throwable cause) {
      super("Pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
          + " changed since it was read", cause);
    }
  }
}
