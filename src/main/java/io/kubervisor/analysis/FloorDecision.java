package io.kubervisor.analysis;

import java.util.List;

/**
 * Which anomalous pods leave traffic this tick.
 *
 * @param floor how many managed pods must stay in traffic
 * @param eject the pods to take out of traffic, worst first
 * @param spared anomalous pods kept in traffic to hold the floor, worst first
 */
public record FloorDecision(int floor, List<Verdict> eject, List<Verdict> spared) {

  public FloorDecision {
    eject = List.copyOf(eject);
    spared = List.copyOf(spared);
  }
}
