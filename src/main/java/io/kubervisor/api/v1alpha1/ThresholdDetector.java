package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** The query returns one value per pod; a pod is anomalous when its value stays beyond an absolute bound. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.above) || has(self.below)", message = "set above, below or both")
public class ThresholdDetector extends PrometheusQuery {

  @JsonPropertyDescription("A pod whose value is above this is anomalous (queue depth > 500, heap > 0.9).")
  public Double above;

  @JsonPropertyDescription("A pod whose value is below this is anomalous (free connections < 2).")
  public Double below;
}
