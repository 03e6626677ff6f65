package io.kubervisor.bench.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one policy did on one scenario, measured at the clients (errors, latency) and at the pods (which ones got no
 * request: the pods it isolated).
 *
 * @param faultyPods each pod at fault in the trace, and when the policy isolated it
 * @param falsePositives the pods not at fault (or at a fault the whole fleet shared) that the policy isolated
 * @param isolations how many times a pod stopped getting requests, all pods together
 * @param fewestServing the fewest pods that got requests in any second, of {@code podsUp} up then
 * @param podsErrorShare the share of failed answers the pods themselves gave during the fault phase
 * @param errorRateBySecond the clients' error rate in each second of the run
 * @param notes what the policy itself logged about its decisions
 * @param error why the run could not be measured; everything else is empty then
 */
record RunResult(String policy, List<PhaseStats> phases, List<PodIsolation> faultyPods, List<Integer> falsePositives,
    int isolations, int fewestServing, int podsUp, Double podsErrorShare, List<Double> errorRateBySecond,
    List<String> notes, String error) {

  static RunResult failed(String policy, String error) {
    return new RunResult(policy, List.of(), List.of(), List.of(), 0, 0, 0, null, List.of(), List.of(), error);
  }

  @JsonProperty
  int truePositives() {
    return (int) faultyPods.stream().filter(PodIsolation::isolated).count();
  }

  /** Of the pods isolated, the share at fault; null when none was. */
  @JsonProperty
  Double precision() {
    int isolated = truePositives() + falsePositives.size();
    return isolated == 0 ? null : (double) truePositives() / isolated;
  }

  /** Of the pods at fault, the share isolated; null when none was at fault. */
  @JsonProperty
  Double recall() {
    return faultyPods.isEmpty() ? null : (double) truePositives() / faultyPods.size();
  }

  /** The clients' error rate over the whole run. */
  @JsonProperty
  Double errorRate() {
    long requests = phases.stream().mapToLong(PhaseStats::requests).sum();
    return requests == 0 ? null : (double) phases.stream().mapToLong(PhaseStats::errors).sum() / requests;
  }

  PhaseStats phase(String name) {
    return phases.stream().filter(p -> p.phase().equals(name)).findFirst().orElse(null);
  }
}
