package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An ejection kubervisor would have made if the BreakerConfig were Enabled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DryRunDecision {
  public String pod;
  public String breaker;
  @JsonPropertyDescription("When the decision was made (RFC 3339).")
  public String time;
  public String reason;
  public String value;
}
