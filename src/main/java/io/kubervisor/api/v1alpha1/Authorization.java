package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** An Authorization header of the given type, with credentials read from a Secret (a bearer token by default). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Authorization {

  @Default("Bearer")
  @Pattern("^[A-Za-z][-A-Za-z0-9._~+]*$")
  @ValidationRule(value = "self.lowerAscii() != 'basic'", message = "use basicAuth for basic authentication")
  @JsonPropertyDescription("The authentication scheme of the header, Bearer by default.")
  public String type = "Bearer";

  @Required
  @JsonPropertyDescription("The Secret key holding the credentials, for instance the bearer token.")
  public KeySelector credentials;
}
