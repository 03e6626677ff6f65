package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * How an https endpoint is trusted. The server's certificate and host name are always verified: there is
 * deliberately no way to skip verification.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsConfig {

  @Required
  @JsonPropertyDescription("The certificate authorities that sign the endpoint's certificate, instead of the JVM's"
      + " default trust store.")
  public CaBundle ca;
}
