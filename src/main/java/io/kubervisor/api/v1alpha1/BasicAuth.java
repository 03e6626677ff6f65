package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** HTTP basic authentication, both parts read from Secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BasicAuth {

  @Required
  @JsonPropertyDescription("The Secret key holding the user name.")
  public KeySelector username;

  @Required
  @JsonPropertyDescription("The Secret key holding the password.")
  public KeySelector password;
}
