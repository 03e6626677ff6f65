package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BreakerConfigSpec {

  @Required
  @Pattern(Validation.DNS_LABEL)
  @Size(max = 63)
  @JsonPropertyDescription("Name of the Service, in the same namespace, whose pods this BreakerConfig supervises.")
  public String service;

  @Default("Enabled")
  @JsonPropertyDescription("Enabled acts on pods; DryRun evaluates and records would-be decisions without touching pods; "
      + "Disabled stops evaluating and returns every managed pod to traffic.")
  public Mode mode = Mode.Enabled;

  @Required
  @Size(min = 1, max = 16)
  @ValidationRule(value = "self.all(b, self.exists_one(o, o.name == b.name))",
      message = "breaker names must be unique within a BreakerConfig")
  @JsonPropertyDescription("The breakers that judge the Service's pods. All of them share one traffic floor.")
  public List<BreakerSpec> breakers = new ArrayList<>();

  @JsonPropertyDescription("How ejected pods come back, for breakers that do not set their own activator.")
  public ActivatorSpec defaultActivator;
}
