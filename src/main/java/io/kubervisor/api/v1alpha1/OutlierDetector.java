package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** The query returns one value per pod (latency, success rate...); a pod is anomalous when it is a fleet outlier. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OutlierDetector extends PrometheusQuery {

  /** The statistical rule that decides what an outlier is. */
  public enum Method {
    /** Modified z-score over the median and the median absolute deviation; robust to the outliers themselves. */
    MedianAbsoluteDeviation,
    /** Envoy's success-rate rule: beyond mean minus (or plus) threshold times the standard deviation. */
    StandardDeviation
  }

  /** Which side of the fleet is bad. */
  public enum BadWhen {
    /** Higher than the fleet is bad, as for latency or error rate. */
    High,
    /** Lower than the fleet is bad, as for success rate or throughput. */
    Low
  }

  @Default("MedianAbsoluteDeviation")
  @JsonPropertyDescription("MedianAbsoluteDeviation (robust, default) or StandardDeviation (Envoy's success-rate rule).")
  public Method method = Method.MedianAbsoluteDeviation;

  @Default("High")
  @JsonPropertyDescription("High: pods above the fleet are bad (latency). Low: pods below the fleet are bad (success rate).")
  public BadWhen badWhen = BadWhen.High;

  @Min(0)
  @JsonPropertyDescription("How far from the fleet a pod must be: the modified z-score (default 3.5) or the number of"
      + " standard deviations (default 1.9).")
  public Double threshold;

  @JsonPropertyDescription("Optional PromQL returning the request volume per pod in the same window.")
  public String volumePromQL;

  @Default("0")
  @Min(0)
  @JsonPropertyDescription("Pods with a request volume below this are not judged and not counted in the fleet.")
  public Double minRequestVolume = 0.0;

  @Default("5")
  @Min(3)
  @JsonPropertyDescription("The rule applies only when at least this many pods have enough volume.")
  public Integer minHosts = 5;
}
