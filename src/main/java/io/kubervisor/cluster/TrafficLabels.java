package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The keys kubervisor owns on a pod: the traffic label the Service selects on, and annotations that carry every piece
 * of state, so a restarted operator loses nothing. Nothing else on a pod is ever written.
 */
public final class TrafficLabels {

  /** The Service selects on {@code kubervisor/traffic=yes}. */
  public static final String TRAFFIC = "kubervisor/traffic";
  public static final String YES = "yes";
  public static final String NO = "no";
  public static final String PAUSE = "pause";

  private static final String PREFIX = "kubervisor.io/";
  /** When the pod was last taken out of traffic (RFC 3339). */
  public static final String BROKEN_AT = PREFIX + "broken-at";
  /** The breaker that took the pod out. */
  public static final String BREAKER = PREFIX + "breaker";
  /** How many times the pod was broken since its count was last reset. */
  public static final String RETRIES = PREFIX + "retries";
  /** Why the detector judged the pod anomalous. */
  public static final String REASON = PREFIX + "reason";
  /** The value the detector measured. */
  public static final String VALUE = PREFIX + "value";

  /** The BreakerConfig that took the pod out, so the pod is never stranded if the BreakerConfig goes. */
  public static final String BREAKER_CONFIG = PREFIX + "breakerconfig";
  /** When the activator last returned the pod to traffic; its retry count resets after resetAfter in traffic. */
  public static final String RESTORED_AT = PREFIX + "restored-at";
  /** Set to "true" by a user (or kubectl kubervisor resume) to bring a paused pod back. */
  public static final String RESUME = PREFIX + "resume";

  /** Every annotation kubervisor writes or reads; removed when a pod leaves kubervisor's care. */
  public static final List<String> ANNOTATIONS =
      List.of(BROKEN_AT, BREAKER, RETRIES, REASON, VALUE, BREAKER_CONFIG, RESTORED_AT, RESUME);

  private TrafficLabels() {}

  public static State state(Pod pod) {
    return state(labels(pod));
  }

  public static State state(CachedPod pod) {
    return state(pod.labels());
  }

  /** The traffic state a pod's labels give. */
  public static State state(Map<String, String> labels) {
    String value = labels.get(TRAFFIC);
    if (YES.equals(value)) {
      return State.InTraffic;
    }
    if (NO.equals(value)) {
      return State.Broken;
    }
    if (PAUSE.equals(value)) {
      return State.Paused;
    }
    return State.Unknown;
  }

  public static boolean hasTrafficLabel(Pod pod) {
    return labels(pod).containsKey(TRAFFIC);
  }

  public static String annotation(Pod pod, String key) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  public static int retries(Pod pod) {
    return retries(annotation(pod, RETRIES));
  }

  public static int retries(CachedPod pod) {
    return retries(pod.annotation(RETRIES));
  }

  private static int retries(String retries) {
    try {
      return retries == null ? 0 : Integer.parseInt(retries);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** An annotation holding a time, or null when it is missing or not RFC 3339. */
  public static Instant instant(CachedPod pod, String key) {
    String value = pod.annotation(key);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Map<String, String> labels(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }
}
