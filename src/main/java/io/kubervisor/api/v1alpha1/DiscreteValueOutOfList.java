package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The query returns event counts grouped by a value label and the pod label; a pod is anomalous when its share of bad
 * values exceeds the tolerance.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.goodValues) != has(self.badValues)",
    message = "set exactly one of goodValues or badValues")
public class DiscreteValueOutOfList extends PrometheusQuery {

  @Required
  @JsonPropertyDescription("The label of the query result that holds the discrete value, for example code.")
  public String key;

  @JsonPropertyDescription("Values that are good; every other value is bad.")
  public List<String> goodValues;

  @JsonPropertyDescription("Values that are bad; every other value is good.")
  public List<String> badValues;

  @Default("50")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("A pod is anomalous when its percentage of bad values exceeds this.")
  public Integer tolerancePercent = 50;

  @Default("2")
  @Min(0)
  @JsonPropertyDescription("A pod with fewer events than this is not judged (no data).")
  public Integer minActivity = 2;
}
