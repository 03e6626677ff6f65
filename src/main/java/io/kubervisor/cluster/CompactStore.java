package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An informer's item store that keeps a compact form of each object ({@link CachedPod}, {@link CachedWorkload})
 * instead of the whole object, so the cache costs hundreds of bytes per pod, not tens of kilobytes. The informer's own
 * bookkeeping gets objects rebuilt from the compact form; kubervisor reads the compact form directly.
 */
final class CompactStore<T extends HasMetadata, C> implements ItemStore<T> {

  private final Map<String, C> items = new ConcurrentHashMap<>();
  private final Function<T, C> compact;
  private final Function<C, T> restore;

  CompactStore(Function<T, C> compact, Function<C, T> restore) {
    this.compact = compact;
    this.restore = restore;
  }

  /** The compact form of the object with this "namespace/name" key, or null. */
  C compact(String key) {
    return items.get(key);
  }

  @Override
  public String getKey(T obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public T put(String key, T obj) {
    return restored(items.put(key, compact.apply(obj)));
  }

  @Override
  public T remove(String key) {
    return restored(items.remove(key));
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return items.values().stream().map(restore);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public T get(String key) {
    return restored(items.get(key));
  }

  private T restored(C value) {
    return value == null ? null : restore.apply(value);
  }
}
