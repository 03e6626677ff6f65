package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** The query returns one value per pod; a pod is anomalous when it deviates too far from the fleet's median. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContinuousValueDeviation extends PrometheusQuery {

  @Default("75")
  @Min(0)
  @JsonPropertyDescription("A pod is anomalous when its value exceeds the median of the other pods by more than this"
      + " percentage of that median.")
  public Double maxDeviationPercent = 75.0;
}
