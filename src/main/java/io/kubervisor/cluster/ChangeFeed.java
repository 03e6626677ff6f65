package io.kubervisor.cluster;

import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/** Hands the cache's BreakerConfig changes to the operator routes, off the informer thread. */
public final class ChangeFeed {

  static final String BREAKERCONFIG_CHANGES = "seda:breakerconfig-changes";

  private ChangeFeed() {}

  public static void connect(ClusterCache cache, CamelContext camelContext) {
    ProducerTemplate producer = camelContext.createProducerTemplate();
    cache.addListener(change -> {
      if (change.resource() instanceof BreakerConfig) {
        // seda queues the message: the informer thread never waits for a route.
        producer.sendBodyAndHeaders(BREAKERCONFIG_CHANGES, change.resource(), Map.of(
            "kubervisorNamespace", change.namespace(),
            "kubervisorName", change.name(),
            "kubervisorChange", change.deleted() ? "deleted" : "changed"));
      }
    });
  }
}
