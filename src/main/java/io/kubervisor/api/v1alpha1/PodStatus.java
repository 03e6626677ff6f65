package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A managed pod that is not plainly in traffic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodStatus {

  /** The traffic state of a pod as kubervisor sees it. */
  public enum State {
    /** Labelled kubervisor/traffic=yes: in the Service's endpoints. */
    InTraffic,
    /** Taken out of traffic by a breaker; the activator will retry it. */
    Broken,
    /** Out of traffic for investigation until a user resumes it. */
    Paused,
    /** The traffic label is missing or has a value kubervisor does not know. */
    Unknown
  }

  public String name;
  public State state;
  @JsonPropertyDescription("The breaker that took the pod out of traffic.")
  public String breaker;
  @JsonPropertyDescription("When the pod entered this state (RFC 3339).")
  public String since;
  @JsonPropertyDescription("How many times the pod has been broken since its retry count was last reset.")
  public Integer retries;
  @JsonPropertyDescription("Why the detector judged the pod anomalous.")
  public String reason;
  @JsonPropertyDescription("The value the detector measured.")
  public String value;
  @JsonPropertyDescription("When the activator will next act on the pod (RFC 3339).")
  public String nextRetry;
  @JsonPropertyDescription("What the activator is waiting on, such as an eviction a PodDisruptionBudget refused.")
  public String activator;
}
