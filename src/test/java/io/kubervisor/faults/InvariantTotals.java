package io.kubervisor.faults;

import java.time.Instant;
import java.util.List;

/**
 * What the invariants saw over a run: the events checked, the breaches, the fewest ready endpoints against the floor,
 * and the traffic moves of the pods.
 *
 * @param fewestReadyEndpoints null if the floor was never armed
 * @param floorAtFewest the floor at that moment
 * @param ejections pods labelled out of traffic (no)
 * @param restores pods labelled back in traffic (yes) from no or pause
 * @param pauses pods labelled pause
 */
public record InvariantTotals(long events, List<Breach> breaches, Integer fewestReadyEndpoints, int floorAtFewest,
    Instant fewestAt, long ejections, long restores, long pauses) {

  public String summary() {
    return events + " events checked, " + breaches.size() + " breaches; fewest ready endpoints "
        + (fewestReadyEndpoints == null ? "never measured"
            : fewestReadyEndpoints + " against a floor of " + floorAtFewest + ", at " + fewestAt)
        + "; " + ejections + " ejections, " + restores + " restores, " + pauses + " pauses";
  }
}
