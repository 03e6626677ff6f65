package io.kubervisor.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests reconciles of BreakerConfigs through the {@code reconcile} route. A key already waiting is not queued
 * again, so a burst of pod events costs one reconcile, not one each.
 */
public class ReconcileQueue {

  private static final Logger LOG = LoggerFactory.getLogger(ReconcileQueue.class);
  static final String ENDPOINT = "seda:reconcile";

  private final ProducerTemplate producer;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  public ReconcileQueue(ProducerTemplate producer) {
    this.producer = producer;
  }

  /**
   * Queues a reconcile. Until this replica leads, the reconcile route is stopped and requests wait in the queue; a
   * request is dropped only when the queue is full or the context is stopping, and winning leadership reconciles every
   * BreakerConfig anyway.
   *
   * @param key "namespace/name" of a BreakerConfig
   */
  public void request(String key) {
    if (pending.add(key)) {
      try {
        producer.sendBodyAndHeader(ENDPOINT, null, Reconciler.KEY, key);
      } catch (CamelExecutionException notQueued) {
        pending.remove(key);
        LOG.debug("Reconcile of {} not queued: {}", key, notQueued.getMessage());
      }
    }
  }

  /** Called as the reconcile starts, so that changes made during it queue another. */
  void taken(String key) {
    pending.remove(key);
  }
}
