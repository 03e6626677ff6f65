package io.kubervisor.faults;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Which outages are open now, and when each last ended. {@link Invariants} uses it under its lock. */
final class Outages {

  private final Map<Outage, Integer> open = new EnumMap<>(Outage.class);
  private final Map<Outage, Instant> lastEnded = new EnumMap<>(Outage.class);

  void begin(Outage outage) {
    open.merge(outage, 1, Integer::sum);
  }

  void end(Outage outage, Instant now) {
    open.merge(outage, -1, Integer::sum);
    lastEnded.put(outage, now);
  }

  boolean anyOpen() {
    return open.values().stream().anyMatch(count -> count > 0);
  }

  /** Since when none of these has been away: null while one is, the epoch if none ever was. */
  Instant quietSince(Set<Outage> outages) {
    Instant since = Instant.EPOCH;
    for (Outage outage : outages) {
      if (open.getOrDefault(outage, 0) > 0) {
        return null;
      }
      Instant ended = lastEnded.getOrDefault(outage, Instant.EPOCH);
      since = ended.isAfter(since) ? ended : since;
    }
    return since;
  }
}
