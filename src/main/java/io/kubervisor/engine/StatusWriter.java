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
import io.kubervisor.cluster.Stubs;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a BreakerConfig's status only when something a user reads changed: counts, conditions, pods, outcomes.
 * Evaluation times change at every evaluation, so on their own they are refreshed by a heartbeat, at most once per
 * {@link #HEARTBEAT}. What was written last is remembered, so a pass never rewrites a status the cache has not shown
 * yet.
 */
class StatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration HEARTBEAT = Duration.ofMinutes(5);

  private final KubernetesClient client;

  /** @param client the client for writes */
  StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  void write(Pass pass, BreakerConfigStatus status, Instant now) {
    Supervision supervision = pass.supervision;
    JsonNode next = JSON.valueToTree(status);
    String content = withoutTimes(next);
    String written = supervision.writtenStatus != null ? supervision.writtenStatus
        : pass.config.getStatus() == null ? null : withoutTimes(JSON.valueToTree(pass.config.getStatus()));
    if (content.equals(written) && now.isBefore(supervision.statusWrittenAt.plus(HEARTBEAT))) {
      return;
    }
    ObjectNode patch = JSON.createObjectNode();
    patch.set("status", next);
    pass.term.check();
    try {
      client.resources(BreakerConfig.class).inNamespace(pass.namespace())
          .resource(Stubs.named(new BreakerConfig(), pass.namespace(), pass.name())).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
      supervision.writtenStatus = content;
      supervision.statusWrittenAt = now;
      supervision.news("status", null);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return; // deleted meanwhile; nothing to report on
      }
      if (supervision.news("status", "HTTP " + e.getCode())) {
        LOG.warn("Could not write the status of BreakerConfig {}: {}; the next pass tries again", supervision.key(),
            e.getMessage());
      }
    }
  }

  /** When the heartbeat is next due. */
  static Instant heartbeat(Supervision supervision) {
    return supervision.statusWrittenAt.plus(HEARTBEAT);
  }

  private static String withoutTimes(JsonNode status) {
    JsonNode copy = status.deepCopy();
    copy.path("lastEvaluation").forEach(evaluation -> ((ObjectNode) evaluation).remove("time"));
    return copy.toString();
  }
}
