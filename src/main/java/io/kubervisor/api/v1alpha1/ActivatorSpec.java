package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** How pods taken out of traffic come back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ActivatorSpec {

  /** The policy applied to a pod once it has been taken out of traffic. */
  public enum ActivatorMode {
    /**
     * Return the pod to traffic after a time that doubles at each break (period, 2 × period, 4 × period...) up to
     * maxPeriod (5m when unset), forever: a pod that stays bad is retried less and less often, never killed.
     */
    backoff,
    /** Return the pod to traffic after every period, forever. */
    periodic,
    /** Retry the pod; past maxRetryCount breaks, evict it. */
    retryAndKill,
    /** Retry the pod; past maxRetryCount breaks, pause it for investigation (or evict it past maxPauseCount). */
    retryAndPause
  }

  @Default("backoff")
  @JsonPropertyDescription("backoff (default: the out-of-traffic time doubles at each break, up to maxPeriod), periodic"
      + " (always period), retryAndKill or retryAndPause.")
  public ActivatorMode mode = ActivatorMode.backoff;

  /** How a pod is killed. */
  public enum KillMethod {
    /** The Eviction API: PodDisruptionBudgets are honoured, and a refused eviction is retried later. */
    Evict,
    /** A plain DELETE, which ignores PodDisruptionBudgets; only on explicit request. */
    Delete
  }

  @Default("10s")
  @Pattern(Validation.DURATION)
  @ValidationRule(value = "duration(self) >= duration('1s')", message = "period must be at least 1s")
  @JsonPropertyDescription("How long a broken pod stays out of traffic before it is retried. In backoff mode the n-th"
      + " break keeps it out 2^(n-1) times the period; in the retry modes n times the period; both up to maxPeriod.")
  public String period = "10s";

  @Pattern(Validation.DURATION)
  @JsonPropertyDescription("Caps the growing out-of-traffic time. Unset: 5m in backoff mode, no cap in the retry modes.")
  public String maxPeriod;

  @Default("5m")
  @Pattern(Validation.DURATION)
  @JsonPropertyDescription("A pod that stays in traffic this long after it was restored has its retry count reset,"
      + " so old failures never count against it.")
  public String resetAfter = "5m";

  @Default("Evict")
  @JsonPropertyDescription("Evict (default: honours PodDisruptionBudgets) or Delete (ignores them).")
  public KillMethod killMethod = KillMethod.Evict;

  @Default("3")
  @Min(0)
  @JsonPropertyDescription("How many times a pod may be broken before it is killed or paused.")
  public Integer maxRetryCount = 3;

  @Default("1")
  @Min(0)
  @JsonPropertyDescription("How many pods of this BreakerConfig may be paused at once; beyond it, pods are killed.")
  public Integer maxPauseCount = 1;

  /** Checks the durations the schema's pattern cannot fully judge; throws with the field's name. */
  public void validate() {
    check("period", period);
    if (maxPeriod != null) {
      check("maxPeriod", maxPeriod);
    }
    check("resetAfter", resetAfter);
  }

  private static void check(String field, String value) {
    try {
      Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("activator " + field + ": " + e.getMessage(), e);
    }
  }
}
