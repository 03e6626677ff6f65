package io.kubervisor.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Durations;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-breaker routes, instantiated from the {@code breaker} route template (routes/templates/). A route is
 * replaced when its breaker's spec changes and removed when the breaker goes; pod state lives on the pods, so
 * replacing a route loses nothing.
 */
class BreakerRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(BreakerRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String TEMPLATE = "breaker";

  private final CamelContext camelContext;
  /** Route id to the spec it was built from. */
  private final Map<String, String> builtFrom = new ConcurrentHashMap<>();

  BreakerRoutes(CamelContext camelContext) {
    this.camelContext = camelContext;
  }

  static String routeId(String namespace, String configName, String breaker) {
    return prefix(namespace, configName) + breaker;
  }

  private static String prefix(String namespace, String configName) {
    return "breaker." + namespace + "." + configName + ".";
  }

  /** Starts the breaker's route, or replaces it if its spec changed. */
  void ensure(BreakerConfig config, BreakerSpec breaker, String detectorEndpoint) throws Exception {
    String namespace = config.getMetadata().getNamespace();
    String name = config.getMetadata().getName();
    String routeId = routeId(namespace, name, breaker.name);
    String fingerprint = fingerprint(breaker);
    if (fingerprint.equals(builtFrom.get(routeId)) && camelContext.getRoute(routeId) != null) {
      return;
    }
    remove(routeId);
    TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
        .routeId(routeId)
        .parameter("namespace", namespace)
        .parameter("breakerConfig", name)
        .parameter("breaker", breaker.name)
        .parameter("periodMillis", String.valueOf(Durations.parse(breaker.evaluationPeriod).toMillis()))
        .parameter("detector", detectorEndpoint)
        .add();
    builtFrom.put(routeId, fingerprint);
    LOG.info("Breaker route {} started: {} every {}", routeId, detectorEndpoint, breaker.evaluationPeriod);
  }

  /** Removes the BreakerConfig's routes except those of the named breakers. */
  void retain(String namespace, String configName, Set<String> breakers) throws Exception {
    String prefix = prefix(namespace, configName);
    for (String routeId : Set.copyOf(builtFrom.keySet())) {
      if (routeId.startsWith(prefix) && !breakers.contains(routeId.substring(prefix.length()))) {
        remove(routeId);
        LOG.info("Breaker route {} removed", routeId);
      }
    }
  }

  private void remove(String routeId) throws Exception {
    builtFrom.remove(routeId);
    if (camelContext.getRoute(routeId) != null) {
      camelContext.getRouteController().stopRoute(routeId);
      camelContext.removeRoute(routeId);
    }
  }

  private static String fingerprint(BreakerSpec breaker) {
    try {
      return JSON.writeValueAsString(breaker);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
