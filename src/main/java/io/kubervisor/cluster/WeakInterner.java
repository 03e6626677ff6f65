package io.kubervisor.cluster;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One shared instance per distinct value, for the values thousands of cached pods repeat: the label maps of the pods
 * of one ReplicaSet, their owner, the second at which a rollout's pods became ready. An instance is forgotten once no
 * cached pod refers to it, so the pods of deleted ReplicaSets do not pile up over months of rollouts.
 */
final class WeakInterner<T> {

  private final Map<T, WeakReference<T>> instances = new WeakHashMap<>();

  synchronized T intern(T value) {
    if (value == null) {
      return null;
    }
    WeakReference<T> shared = instances.get(value);
    T instance = shared == null ? null : shared.get();
    if (instance != null) {
      return instance;
    }
    instances.put(value, new WeakReference<>(value));
    return value;
  }
}
