package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One breaker: a detector evaluated on a period, and the traffic floor it must respect. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.discreteValueOutOfList), has(self.continuousValueDeviation), has(self.external),"
    + " has(self.outlier), has(self.threshold), has(self.trend), has(self.custom)].filter(d, d).size() == 1",
    message = "a breaker needs exactly one detector: discreteValueOutOfList, continuousValueDeviation, external,"
        + " outlier, threshold, trend or custom")
public class BreakerSpec {

  @Required
  @Pattern(Validation.DNS_LABEL)
  @Size(max = 40)
  @JsonPropertyDescription("Name of the breaker, unique within the BreakerConfig. It names the breaker's routes.")
  public String name;

  @Default("5s")
  @Pattern(Validation.DURATION)
  @ValidationRule(value = "duration(self) >= duration('1s')", message = "evaluationPeriod must be at least 1s")
  @JsonPropertyDescription("How often the detector is evaluated, as a duration such as 5s or 1m.")
  public String evaluationPeriod = "5s";

  @Default("1")
  @Min(0)
  @JsonPropertyDescription("Never take pods out of traffic if fewer than this many managed pods would remain in it.")
  public Integer minPodsAvailableCount = 1;

  @Default("50")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Never take pods out of traffic if less than this percentage of the managed fleet would"
      + " remain in it (rounded up). Counted against the whole managed fleet, not the pods currently in traffic.")
  public Integer minPodsAvailableRatio = 50;

  @JsonPropertyDescription("Detector: a pod whose share of bad values (for instance HTTP 5xx codes) exceeds a tolerance.")
  public DiscreteValueOutOfList discreteValueOutOfList;

  @JsonPropertyDescription("Detector: a pod whose value deviates from the fleet's median by more than a percentage.")
  public ContinuousValueDeviation continuousValueDeviation;

  @JsonPropertyDescription("Detector: an HTTP endpoint that returns the anomalous pods.")
  public ExternalDetector external;

  @JsonPropertyDescription("Detector: a pod that is a statistical outlier of the fleet on any per-pod metric.")
  public OutlierDetector outlier;

  @JsonPropertyDescription("Detector: a pod whose value stays beyond an absolute bound.")
  public ThresholdDetector threshold;

  @JsonPropertyDescription("Detector: a pod whose value heads somewhere bad (slope, or predicted crossing of a bound).")
  public TrendDetector trend;

  @JsonPropertyDescription("Detector: a user-supplied detector route from routes/detectors/.")
  public CustomDetector custom;

  @Default("30s")
  @Pattern(Validation.DURATION)
  @JsonPropertyDescription("Pods Ready for less than this are not judged (a JVM warming up is slow), though they count"
      + " in the fleet for the floor.")
  public String warmup = "30s";

  @JsonPropertyDescription("How pods ejected by this breaker come back. Defaults to the BreakerConfig's defaultActivator.")
  public ActivatorSpec activator;
}
