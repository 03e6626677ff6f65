package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Secret or ConfigMap in the BreakerConfig's own namespace (Prometheus Operator's SecretKeySelector). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeySelector {

  @Required
  @Pattern(Validation.DNS_SUBDOMAIN)
  @Size(max = 253)
  @JsonPropertyDescription("Name of the object, in the BreakerConfig's namespace.")
  public String name;

  @Required
  @Pattern(Validation.CONFIG_KEY)
  @Size(max = 253)
  @JsonPropertyDescription("The key within the object's data.")
  public String key;

  public KeySelector() {}

  public KeySelector(String name, String key) {
    this.name = name;
    this.key = key;
  }
}
