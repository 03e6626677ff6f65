package io.kubervisor.engine;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * Detectors are routes: a route with id {@code detector-NAME} consuming {@code direct:detector-NAME} is the detector
 * NAME. Dropping such a route file into routes/detectors/ registers it; nothing else does. An unknown name is an error,
 * never a fallback. The contract is in docs/detectors.md.
 */
public class DetectorRegistry {

  static final String ROUTE_PREFIX = "detector-";

  private final CamelContext camelContext;

  public DetectorRegistry(CamelContext camelContext) {
    this.camelContext = camelContext;
  }

  /** The detector a breaker names: a built-in type, or a custom route. */
  static String detectorName(BreakerSpec breaker) {
    if (breaker.discreteValueOutOfList != null) {
      return "discreteValueOutOfList";
    }
    if (breaker.continuousValueDeviation != null) {
      return "continuousValueDeviation";
    }
    if (breaker.external != null) {
      return "external";
    }
    if (breaker.outlier != null) {
      return "outlier";
    }
    if (breaker.threshold != null) {
      return "threshold";
    }
    if (breaker.trend != null) {
      return "trend";
    }
    if (breaker.custom != null) {
      return breaker.custom.name;
    }
    throw new IllegalArgumentException("breaker " + breaker.name + " has no detector");
  }

  /** The endpoint that runs the detector, if a route provides it. */
  Optional<String> endpoint(String name) {
    Route route = camelContext.getRoute(ROUTE_PREFIX + name);
    String expected = "direct://" + ROUTE_PREFIX + name;
    if (route == null || !expected.equals(route.getEndpoint().getEndpointUri())) {
      return Optional.empty();
    }
    return Optional.of("direct:" + ROUTE_PREFIX + name);
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    camelContext.getRoutes().stream()
        .map(Route::getRouteId)
        .filter(id -> id.startsWith(ROUTE_PREFIX))
        .map(id -> id.substring(ROUTE_PREFIX.length()))
        .filter(name -> endpoint(name).isPresent())
        .forEach(names::add);
    return names;
  }
}
