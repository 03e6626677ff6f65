package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The outcome of a breaker's last evaluation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BreakerEvaluation {
  /** How the last evaluation of a breaker ended. */
  public enum Outcome {
    /** The detector judged the pods and the floor was applied. */
    Evaluated,
    /** The detector had no data to judge any pod; nothing was changed. */
    NoData,
    /** The detector failed; nothing was changed. */
    DetectorError,
    /** The detector's credentials or CA bundle could not be read, so it was not called; nothing was changed. */
    CredentialsUnavailable
  }

  public String breaker;
  public Outcome outcome;
  @JsonPropertyDescription("When the evaluation ran (RFC 3339).")
  public String time;
  @JsonPropertyDescription("Pods the detector judged.")
  public Integer evaluated;
  @JsonPropertyDescription("Pods the detector found anomalous.")
  public Integer anomalous;
  @JsonPropertyDescription("Pods taken out of traffic (or that would have been, in DryRun).")
  public Integer ejected;
  @JsonPropertyDescription("Anomalous pods left in traffic to keep the floor.")
  public Integer spared;
  @JsonPropertyDescription("The detector's error, if the evaluation failed.")
  public String error;
  @JsonPropertyDescription("Pods in traffic the detector had no usable data for, with why (no series, not a number,"
      + " several series for one pod); at most 10. They were not judged.")
  public List<String> noData;
}
