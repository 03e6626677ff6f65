package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events, so {@code kubectl describe} on a pod or a BreakerConfig says what kubervisor did and why. As
 * Kubernetes' own recorder does, a repeat of a reason on the same object updates the existing Event (its count, last
 * time and message) instead of adding one: a pod that keeps failing makes one Event per reason, not one per cycle.
 */
public class EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  static final String COMPONENT = "kubervisor";
  /** Events recorded this long ago are not updated any more: a new one starts, as after the API server's TTL. */
  static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(30);
  /** Bounds the memory of recent Events; past it, the oldest are forgotten. */
  static final int REMEMBERED = 4096;

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Recorded> recent = new ConcurrentHashMap<>();

  private record Recorded(String eventName, int count, Instant first) {}

  /** @param client the client for writes */
  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void record(WriteFence fence, CachedPod pod, String type, String reason, String message) {
    record(fence, new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod").withNamespace(pod.namespace())
        .withName(pod.name()).withUid(pod.uid()).build(), type, reason, message);
  }

  public void record(WriteFence fence, HasMetadata object, String type, String reason, String message) {
    record(fence, new ObjectReferenceBuilder().withApiVersion(object.getApiVersion()).withKind(object.getKind())
        .withNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName())
        .withUid(object.getMetadata().getUid()).build(), type, reason, message);
  }

  /**
   * Records an event; a failure is logged, never thrown: an event is a report, not part of the decision. Only a lost
   * leadership ({@link WriteFence.LeadershipLostException}) is thrown.
   */
  private void record(WriteFence fence, ObjectReference involved, String type, String reason, String message) {
    fence.check();
    Instant now = clock.instant();
    String key = involved.getNamespace() + "/" + involved.getKind() + "/" + involved.getName() + "/"
        + involved.getUid() + "/" + reason;
    Recorded previous = recent.get(key);
    try {
      if (previous != null && now.isBefore(previous.first().plus(AGGREGATION_WINDOW)) && repeat(involved, previous,
          message, now)) {
        recent.put(key, new Recorded(previous.eventName(), previous.count() + 1, previous.first()));
        return;
      }
      String name = involved.getName() + "." + UUID.randomUUID().toString().substring(0, 8);
      fence.check(); // again: the update of an expired Event above was a write of its own
      client.v1().events().inNamespace(involved.getNamespace()).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(involved.getNamespace()).endMetadata()
          .withInvolvedObject(involved)
          .withType(type)
          .withReason(reason)
          .withMessage(message)
          .withFirstTimestamp(now.toString())
          .withLastTimestamp(now.toString())
          .withCount(1)
          .withNewSource(COMPONENT, null)
          .withReportingComponent(COMPONENT)
          .build()).create();
      remember(key, new Recorded(name, 1, now));
    } catch (KubernetesClientException e) {
      LOG.warn("Could not record event {} on {} {}/{}: {}", reason, involved.getKind(), involved.getNamespace(),
          involved.getName(), e.getMessage());
    }
  }

  /** Counts a repeat on the Event already recorded; false when it is gone (expired), so a new one is made. */
  private boolean repeat(ObjectReference involved, Recorded previous, String message, Instant now) {
    String patch = "{\"count\":" + (previous.count() + 1) + ",\"lastTimestamp\":\"" + now + "\",\"message\":"
        + com.fasterxml.jackson.databind.node.TextNode.valueOf(message) + "}";
    try {
      client.v1().events().inNamespace(involved.getNamespace())
          .resource(Stubs.event(involved.getNamespace(), previous.eventName()))
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private void remember(String key, Recorded recorded) {
    if (recent.size() >= REMEMBERED) {
      Instant cutoff = recorded.first().minus(AGGREGATION_WINDOW);
      recent.values().removeIf(r -> r.first().isBefore(cutoff));
      if (recent.size() >= REMEMBERED) {
        recent.clear();
      }
    }
    recent.put(key, recorded);
  }
}
