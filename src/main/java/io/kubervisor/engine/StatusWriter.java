package io.kubervisor.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a BreakerConfig's status only when it changed. Evaluation times change every tick, so on their own they are
 * refreshed at most once per heartbeat instead of every evaluation.
 */
class StatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration HEARTBEAT = Duration.ofSeconds(60);

  private final KubernetesClient client;

  StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  void write(BreakerConfig config, BreakerConfigStatus status, Supervision supervision, Instant now) {
    JsonNode next = JSON.valueToTree(status);
    JsonNode current = config.getStatus() == null ? null : JSON.valueToTree(config.getStatus());
    if (next.equals(current)) {
      return;
    }
    boolean onlyTimesChanged = current != null && withoutTimes(next).equals(withoutTimes(current));
    if (onlyTimesChanged && Duration.between(supervision.lastStatusWrite(), now).compareTo(HEARTBEAT) < 0) {
      return;
    }
    ObjectNode patch = JSON.createObjectNode();
    patch.set("status", next);
    try {
      client.resources(BreakerConfig.class).inNamespace(config.getMetadata().getNamespace())
          .withName(config.getMetadata().getName()).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
      supervision.statusWritten(now);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return; // deleted meanwhile; nothing to report on
      }
      LOG.warn("Could not write the status of BreakerConfig {}/{}: {}", config.getMetadata().getNamespace(),
          config.getMetadata().getName(), e.getMessage());
    }
  }

  private static JsonNode withoutTimes(JsonNode status) {
    JsonNode copy = status.deepCopy();
    copy.path("lastEvaluation").forEach(evaluation -> ((ObjectNode) evaluation).remove("time"));
    return copy;
  }
}
