package io.kubervisor.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two routes of each breaker, instantiated from the route templates in routes/templates/: {@code breaker}
 * (evaluate and eject) and {@code activator} (bring back, pause, kill). They are replaced when the breaker's spec
 * changes and removed when it goes; pod state lives on the pods, so replacing a route loses nothing.
 */
class SupervisionRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisionRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TEMPLATES = List.of("breaker", "activator");

  private final CamelContext camelContext;
  private final Duration activatorTick;
  /** Route id prefix ("breaker.ns.config.name" without the template) to the spec its routes were built from. */
  private final Map<String, String> builtFrom = new ConcurrentHashMap<>();

  SupervisionRoutes(CamelContext camelContext, Duration activatorTick) {
    this.camelContext = camelContext;
    this.activatorTick = activatorTick;
  }

  static String routeId(String template, String namespace, String configName, String breaker) {
    return template + "." + namespace + "." + configName + "." + breaker;
  }

  /**
   * Whether this replica leads. Only the leader runs breaker and activator routes; the flag and the routes change
   * under one monitor, so a reconcile finishing late never starts routes on a replica that just lost leadership.
   */
  private boolean leading;

  synchronized void lead() {
    leading = true;
  }

  /** Stops and removes every breaker and activator route at once: leadership is lost. */
  synchronized void follow() throws Exception {
    leading = false;
    for (String key : Set.copyOf(builtFrom.keySet())) {
      String[] parts = key.split("/");
      remove(parts[0], parts[1], parts[2]);
    }
  }

  /** Starts the breaker's routes, or replaces them if its spec changed; nothing on a replica that does not lead. */
  synchronized void ensure(BreakerConfig config, BreakerSpec breaker, String detectorEndpoint) throws Exception {
    if (!leading) {
      return;
    }
    String namespace = config.getMetadata().getNamespace();
    String name = config.getMetadata().getName();
    String key = namespace + "/" + name + "/" + breaker.name;
    String fingerprint = fingerprint(breaker, detectorEndpoint);
    boolean running = TEMPLATES.stream()
        .allMatch(t -> camelContext.getRoute(routeId(t, namespace, name, breaker.name)) != null);
    if (running && fingerprint.equals(builtFrom.get(key))) {
      return;
    }
    remove(namespace, name, breaker.name);
    for (String template : TEMPLATES) {
      TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(camelContext, template)
          .routeId(routeId(template, namespace, name, breaker.name))
          .parameter("namespace", namespace)
          .parameter("breakerConfig", name)
          .parameter("breaker", breaker.name);
      if (template.equals("breaker")) {
        route.parameter("periodMillis", String.valueOf(Durations.parse(breaker.evaluationPeriod).toMillis()))
            .parameter("detector", detectorEndpoint)
            .parameter("detectorName", DetectorRegistry.detectorName(breaker));
      } else {
        route.parameter("periodMillis", String.valueOf(activatorTick.toMillis()));
      }
      route.add();
    }
    builtFrom.put(key, fingerprint);
    LOG.info("Routes of breaker {} started: {} every {}", key, detectorEndpoint, breaker.evaluationPeriod);
  }

  /** Removes the BreakerConfig's routes except those of the named breakers. */
  synchronized void retain(String namespace, String configName, Set<String> breakers) throws Exception {
    String prefix = namespace + "/" + configName + "/";
    for (String key : Set.copyOf(builtFrom.keySet())) {
      if (key.startsWith(prefix) && !breakers.contains(key.substring(prefix.length()))) {
        remove(namespace, configName, key.substring(prefix.length()));
        LOG.info("Routes of breaker {} removed", key);
      }
    }
  }

  private void remove(String namespace, String configName, String breaker) throws Exception {
    builtFrom.remove(namespace + "/" + configName + "/" + breaker);
    for (String template : TEMPLATES) {
      String routeId = routeId(template, namespace, configName, breaker);
      if (camelContext.getRoute(routeId) != null) {
        camelContext.getRouteController().stopRoute(routeId);
        camelContext.removeRoute(routeId);
      }
    }
  }

  private static String fingerprint(BreakerSpec breaker, String detectorEndpoint) {
    try {
      return detectorEndpoint + JSON.writeValueAsString(breaker);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
