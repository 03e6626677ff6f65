package io.kubervisor.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Supervision} of every BreakerConfig this replica supervises, by "namespace/name", and the schedule of
 * their passes: a change wakes a BreakerConfig, a due evaluation or activator step wakes it too, and the dispatcher
 * claims the woken ones that no pass holds. Like client-go's work queue, a key is never handed to two workers at once,
 * and a change during a pass brings another pass right after it.
 */
public class Supervisions {

  private final Map<String, Supervision> byKey = new ConcurrentHashMap<>();
  private final ManagedBreakerConfigs jmx;
  private volatile boolean leading;

  Supervisions(ManagedBreakerConfigs jmx) {
    this.jmx = jmx;
  }

  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** A change concerns this BreakerConfig ("namespace/name"): it gets a pass soon, if this replica leads. */
  public void wake(String key) {
    if (leading) {
      of(key).want();
    }
  }

  /** Claims every BreakerConfig due for a pass; each must be released by its pass's end. */
  List<Supervision> claimDue(Instant now) {
    List<Supervision> claimed = new ArrayList<>();
    for (Supervision supervision : byKey.values()) {
      if (supervision.due(now) && supervision.claim()) {
        claimed.add(supervision);
      }
    }
    return claimed;
  }

  Supervision of(String key) {
    return byKey.computeIfAbsent(key, k -> {
      int slash = k.indexOf('/');
      return new Supervision(k.substring(0, slash), k.substring(slash + 1));
    });
  }

  /** Shown in JMX from its first pass, when Camel's management is surely up. */
  void shown(Supervision supervision) {
    if (!supervision.shown && byKey.get(supervision.key()) == supervision) {
      supervision.shown = true;
      jmx.register(supervision);
    }
  }

  /** The BreakerConfig is gone: nothing of it is kept. */
  void forget(String key) {
    Supervision removed = byKey.remove(key);
    if (removed != null && removed.shown) {
      jmx.unregister(removed);
    }
  }

  /** Leadership changed: everything starts over from the cluster; a follower keeps nothing. */
  void restart(boolean leading) {
    this.leading = leading;
    for (String key : List.copyOf(byKey.keySet())) {
      forget(key);
    }
  }
}
