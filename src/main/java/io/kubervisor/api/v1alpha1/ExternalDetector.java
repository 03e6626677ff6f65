package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An HTTP(S) endpoint that answers with the anomalous pods: a JSON list of names, or a PodList. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.tls) || self.url.startsWith('https://')", message = Validation.TLS_MESSAGE)
public class ExternalDetector extends HttpEndpoint {

  @Required
  @Size(max = 2048)
  @Pattern(Validation.HTTP_URL)
  @ValidationRule(value = Validation.HTTP_URL_RULE, message = Validation.HTTP_URL_MESSAGE)
  @JsonPropertyDescription("URL of the detector endpoint (http or https).")
  public String url;

  @Default("1s")
  @Pattern(Validation.DURATION)
  @JsonPropertyDescription("How long to wait for the endpoint before the evaluation counts as a detector error.")
  public String timeout = "1s";
}
