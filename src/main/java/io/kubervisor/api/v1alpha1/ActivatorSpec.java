package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** How pods taken out of traffic come back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ActivatorSpec {

  /** The policy applied to a pod once it has been taken out of traffic. */
  public enum ActivatorMode {
    /** Return the pod to traffic after every period, forever. */
    periodic,
    /** Retry the pod; past maxRetryCount breaks, evict it. */
    retryAndKill,
    /** Retry the pod; past maxRetryCount breaks, pause it for investigation (or evict it past maxPauseCount). */
    retryAndPause
  }

  @Default("periodic")
  @JsonPropertyDescription("periodic, retryAndKill or retryAndPause.")
  public ActivatorMode mode = ActivatorMode.periodic;

  @Default("10s")
  @Pattern(Validation.DURATION)
  @JsonPropertyDescription("How long a broken pod stays out of traffic before it is retried.")
  public String period = "10s";

  @Default("3")
  @Min(0)
  @JsonPropertyDescription("How many times a pod may be broken before it is killed or paused.")
  public Integer maxRetryCount = 3;

  @Default("1")
  @Min(0)
  @JsonPropertyDescription("How many pods of this BreakerConfig may be paused at once; beyond it, pods are killed.")
  public Integer maxPauseCount = 1;
}
