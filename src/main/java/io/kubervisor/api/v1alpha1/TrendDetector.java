package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The query returns one value per pod; Prometheus computes its slope over {@code window} ({@code deriv}) and its value
 * {@code horizon} ahead ({@code predict_linear}). A pod is anomalous when it heads somewhere bad.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.maxSlope) || (has(self.bound) && has(self.horizon))",
    message = "set maxSlope, or bound with horizon, or both")
public class TrendDetector extends PrometheusQuery {

  @Default("5m")
  @Pattern(Validation.DURATION)
  @JsonPropertyDescription("The window the slope is fitted over.")
  public String window = "5m";

  @JsonPropertyDescription("A pod whose value grows faster than this per second is anomalous.")
  public Double maxSlope;

  @JsonPropertyDescription("A pod whose value is predicted to exceed this within horizon is anomalous.")
  public Double bound;

  @Pattern(Validation.DURATION)
  @JsonPropertyDescription("How far ahead the value is predicted, such as 30m.")
  public String horizon;

  @Default("false")
  @JsonPropertyDescription("Judge each pod's slope minus the fleet's median slope, so a ramp the whole fleet shares"
      + " (rising traffic) ejects nobody.")
  public Boolean fleetRelative = false;
}
