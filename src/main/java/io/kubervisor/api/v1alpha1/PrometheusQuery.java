package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The Prometheus query shared by the Prometheus-backed detectors, and how Prometheus is called. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.tls) || self.prometheusService.startsWith('https://')",
    message = Validation.TLS_MESSAGE)
public abstract class PrometheusQuery extends HttpEndpoint {

  @Required
  @Size(max = 2048)
  @Pattern(Validation.HTTP_URL)
  @ValidationRule(value = Validation.HTTP_URL_RULE, message = Validation.HTTP_URL_MESSAGE)
  @JsonPropertyDescription("Base URL of the Prometheus HTTP API, for example http://prometheus.monitoring:9090.")
  public String prometheusService;

  @Required
  @JsonPropertyDescription("The PromQL instant query to evaluate.")
  public String promQL;

  @Default("pod")
  @JsonPropertyDescription("The label of the query result that holds the pod name.")
  public String podNameKey = "pod";

  @Default("1")
  @Min(1)
  @JsonPropertyDescription("How many consecutive evaluations a pod must be anomalous before it counts as anomalous,"
      + " so that one spike, or the onset of a fault the whole fleet shares (pods' rate windows catch it a scrape"
      + " apart), ejects nobody.")
  public Integer forEvaluations = 1;
}
