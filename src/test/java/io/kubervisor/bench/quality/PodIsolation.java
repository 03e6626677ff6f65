package io.kubervisor.bench.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a policy dealt with one pod at fault.
 *
 * @param faultFrom when its fault started (seconds from the scenario's start)
 * @param isolatedAfter seconds from its fault to when it first stopped getting client requests; null if it never did
 *     during its fault (a miss)
 * @param symptomsAfter seconds from its fault to when its requests started to fail or slow down (a leak has none
 *     at first)
 * @param requestsBySecond the client requests the pod got in each second of the run, to check the isolations by
 */
record PodIsolation(int pod, double faultFrom, Double isolatedAfter, double symptomsAfter,
    List<Long> requestsBySecond) {

  @JsonProperty
  boolean isolated() {
    return isolatedAfter != null;
  }

  /** Isolated before any client could see the fault. */
  @JsonProperty
  boolean beforeSymptoms() {
    return isolatedAfter != null && isolatedAfter < symptomsAfter;
  }
}
