package io.kubervisor.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link Supervision} of every BreakerConfig, by "namespace/name". */
public class Supervisions {

  private final Map<String, Supervision> byKey = new ConcurrentHashMap<>();

  Supervision of(String key) {
    return byKey.computeIfAbsent(key, k -> new Supervision());
  }

  void forget(String key) {
    byKey.remove(key);
  }

  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
