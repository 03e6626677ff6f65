package io.kubervisor.faults;

import io.kubervisor.it.TestFleet;

/** What the invariants watch: a Deployment, the Service in front of it, and the BreakerConfig that supervises it. */
public record Supervised(String namespace, String service, String deployment, String breakerConfig) {

  /** A {@link TestFleet}, whose Deployment and Service share its name. */
  public static Supervised of(TestFleet fleet, String breakerConfig) {
    return new Supervised(fleet.namespace, fleet.name, fleet.name, breakerConfig);
  }
}
