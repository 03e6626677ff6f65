package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Prometheus query shared by the Prometheus-backed detectors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class PrometheusQuery {

  @Required
  @Pattern(Validation.HTTP_URL)
  @JsonPropertyDescription("Base URL of the Prometheus HTTP API, for example http://prometheus.monitoring:9090.")
  public String prometheusService;

  @Required
  @JsonPropertyDescription("The PromQL instant query to evaluate.")
  public String promQL;

  @Default("pod")
  @JsonPropertyDescription("The label of the query result that holds the pod name.")
  public String podNameKey = "pod";
}
