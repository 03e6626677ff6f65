package io.kubervisor.analysis;

import java.util.Objects;

/**
 * A detector's judgement of one pod.
 *
 * @param pod the pod name
 * @param value what the detector measured; null when it has no usable data for the pod, which is never anomalous
 * @param anomalous whether the pod should leave traffic
 * @param reason a sentence for the user with the value and the threshold it was compared to
 * @param score severity, higher is worse; the floor ejects the highest scores first. Comparable only within one rule.
 */
public record Verdict(String pod, Double value, boolean anomalous, String reason, double score) {

  public Verdict {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(reason, "reason");
    if (value == null && anomalous) {
      throw new IllegalArgumentException("a pod without data cannot be anomalous: " + pod);
    }
  }

  /** "No data" is kept apart from "healthy": the pod was not judged at all. */
  public static Verdict noData(String pod, String reason) {
    return new Verdict(pod, null, false, reason, 0);
  }
}
