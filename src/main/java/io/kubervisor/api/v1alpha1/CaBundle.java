package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** PEM certificates to trust, from a ConfigMap or a Secret (Prometheus Operator's SecretOrConfigMap). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.configMap) != has(self.secret)", message = "set exactly one of configMap or secret")
public class CaBundle {

  @JsonPropertyDescription("A ConfigMap key holding the PEM certificates.")
  public KeySelector configMap;

  @JsonPropertyDescription("A Secret key holding the PEM certificates.")
  public KeySelector secret;
}
