package io.kubervisor.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** The health of the supervised Service, as last observed by kubervisor. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BreakerConfigStatus {

  @JsonPropertyDescription("The spec generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Ready, ServiceFound, DetectorsHealthy, FleetDegraded, Conflict; see docs/conditions.md.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Running and Ready pods selected by the Service, whatever their traffic label.")
  public Integer managed;

  @JsonPropertyDescription("The pods the Service's workloads ask for (their replicas): the fleet the floor is computed"
      + " from. A pod killed or turning unready does not lower it.")
  public Integer desired;

  @JsonPropertyDescription("The fewest pods kept in traffic: the strictest breaker's floor of the desired fleet.")
  public Integer floor;

  @JsonPropertyDescription("Managed pods labelled kubervisor/traffic=yes.")
  public Integer inTraffic;

  @JsonPropertyDescription("Managed pods taken out of traffic by a breaker (kubervisor/traffic=no).")
  public Integer broken;

  @JsonPropertyDescription("Managed pods paused for investigation (kubervisor/traffic=pause).")
  public Integer paused;

  @JsonPropertyDescription("Managed pods whose traffic label is missing or not understood.")
  public Integer unknown;

  @JsonPropertyDescription("Every managed pod that is not plainly in traffic, with why.")
  public List<PodStatus> pods = new ArrayList<>();

  @JsonPropertyDescription("The last evaluation of each breaker.")
  public List<BreakerEvaluation> lastEvaluation = new ArrayList<>();

  @JsonPropertyDescription("In DryRun mode: the ejections kubervisor would have made.")
  public List<DryRunDecision> dryRun = new ArrayList<>();
}
