package io.kubervisor.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;

/**
 * Requests reconciles of BreakerConfigs through the {@code reconcile} route. A key already waiting is not queued
 * again, so a burst of pod events costs one reconcile, not one each.
 */
public class ReconcileQueue {

  static final String ENDPOINT = "seda:reconcile";

  private final ProducerTemplate producer;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  public ReconcileQueue(ProducerTemplate producer) {
    this.producer = producer;
  }

  /** @param key "namespace/name" of a BreakerConfig */
  public void request(String key) {
    if (pending.add(key)) {
      producer.sendBodyAndHeader(ENDPOINT, null, Reconciler.KEY, key);
    }
  }

  /** Called as the reconcile starts, so that changes made during it queue another. */
  void taken(String key) {
    pending.remove(key);
  }
}
