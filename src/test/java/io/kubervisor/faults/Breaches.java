package io.kubervisor.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The breaches seen so far, each counted once per episode: a subject that stays in breach over many events is one
 * breach, and one that recovers and breaches again is two. Not thread-safe: {@link Invariants} calls it under its lock.
 */
final class Breaches {

  private final List<Breach> recorded = new ArrayList<>();
  private final Set<String> ongoing = new HashSet<>();

  /** What one invariant finds in breach now, by subject; subjects it no longer names end their episode. */
  void update(String invariant, Map<String, String> inBreach, Instant now) {
    ongoing.removeIf(key -> key.startsWith(invariant + "/") && !inBreach.containsKey(subject(invariant, key)));
    inBreach.forEach((subject, detail) -> {
      if (ongoing.add(invariant + "/" + subject)) {
        recorded.add(new Breach(invariant, subject, now, detail));
      }
    });
  }

  List<Breach> all() {
    return List.copyOf(recorded);
  }

  private static String subject(String invariant, String key) {
    return key.substring(invariant.length() + 1);
  }
}
