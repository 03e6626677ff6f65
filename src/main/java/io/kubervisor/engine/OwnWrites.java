package io.kubervisor.engine;

import io.kubervisor.cluster.CachedPod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pods one BreakerConfig's passes wrote, as the API server answered, until the cache shows the writes: the next
 * pass sees its own writes at once instead of waiting on the watch, as controller-runtime's expectations do. A pod is
 * overlaid while the cache still holds the version the write replaced; any other version in the cache is newer, so
 * the cache wins again.
 */
final class OwnWrites {

  /** Past this, an overlay the cache never caught up with is dropped: the informer has re-listed long since. */
  static final Duration FORGET_AFTER = Duration.ofMinutes(2);

  private record Written(String replacedVersion, CachedPod after, boolean killed, Instant at) {}

  private final Map<String, Written> byPod = new HashMap<>();

  void patched(CachedPod before, CachedPod after, Instant now) {
    byPod.put(before.name(), new Written(before.resourceVersion(), after, false, now));
  }

  /** An eviction or delete was accepted: the pod counts as terminating until the cache says so itself. */
  void killed(CachedPod before, Instant now) {
    byPod.put(before.name(), new Written(before.resourceVersion(), before, true, now));
  }

  /** The cached pods with this BreakerConfig's writes the cache has not shown yet; killed pods left out. */
  List<CachedPod> overlay(List<CachedPod> cached, Instant now) {
    if (byPod.isEmpty()) {
      return cached;
    }
    List<CachedPod> pods = new ArrayList<>(cached.size());
    Set<String> present = new HashSet<>();
    for (CachedPod pod : cached) {
      present.add(pod.name());
      Written written = byPod.get(pod.name());
      if (written == null) {
        pods.add(pod);
      } else if (pod.resourceVersion().equals(written.replacedVersion())
          && now.isBefore(written.at().plus(FORGET_AFTER))) {
        if (!written.killed()) {
          pods.add(written.after());
        }
      } else {
        byPod.remove(pod.name());
        pods.add(pod);
      }
    }
    byPod.keySet().retainAll(present);
    return pods;
  }
}
