package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What every detector that calls HTTP shares: how it authenticates and whom it trusts. References are to Secrets and
 * ConfigMaps in the BreakerConfig's namespace; kubervisor reads them when the breaker is configured and again every
 * resync period, never at each evaluation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.authorization) && has(self.basicAuth))",
    message = "set at most one of authorization or basicAuth")
public abstract class HttpEndpoint {

  @JsonPropertyDescription("Send an Authorization header (a bearer token by default) read from a Secret. Exclusive"
      + " with basicAuth.")
  public Authorization authorization;

  @JsonPropertyDescription("Send HTTP basic authentication read from Secrets. Exclusive with authorization.")
  public BasicAuth basicAuth;

  @JsonPropertyDescription("TLS settings of an https URL: the CA bundle that signs the server's certificate. The"
      + " certificate and host name are always verified.")
  public TlsConfig tls;
}
