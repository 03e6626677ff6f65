package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** A detector route that a user added under routes/detectors/, named here. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CustomDetector {

  @Required
  @Pattern(Validation.DNS_LABEL)
  @JsonPropertyDescription("Name of the detector route (its route id without the detector- prefix).")
  public String name;

  @JsonPropertyDescription("Parameters handed to the detector route as exchange headers. Names starting with"
      + " kubervisor or camel (any case) are reserved: such a BreakerConfig is not Ready (InvalidSpec).")
  public Map<String, String> parameters;
}
