package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.DetectorRequest;
import io.kubervisor.api.v1alpha1.Durations;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * First step of a breaker tick: reads the BreakerConfig, its Service and pods from the cache and builds the
 * detector's request. The pods to judge are the managed pods in traffic and past their warmup; pods already out are
 * the activator's, and pods warming up still count in the fleet for the floor.
 */
public class PrepareEvaluation implements Processor {

  /** Template parameters the breaker route sets as headers. */
  public static final String NAMESPACE = "kubervisorTemplateNamespace";
  public static final String CONFIG = "kubervisorTemplateBreakerConfig";
  public static final String BREAKER = "kubervisorTemplateBreaker";

  private final ClusterCache cache;
  private final Clock clock;

  PrepareEvaluation(ClusterCache cache, Clock clock) {
    this.cache = cache;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Message in = exchange.getIn();
    String namespace = in.getHeader(NAMESPACE, String.class);
    String configName = in.getHeader(CONFIG, String.class);
    String breakerName = in.getHeader(BREAKER, String.class);
    Optional<BreakerConfig> config = cache.breakerConfig(namespace, configName);
    Optional<BreakerSpec> breaker = config.flatMap(c -> c.getSpec().breakers.stream()
        .filter(b -> b.name.equals(breakerName)).findFirst());
    Optional<Service> service = config.flatMap(c -> cache.service(namespace, c.getSpec().service));
    if (breaker.isEmpty() || service.isEmpty() || config.get().getSpec().mode == Mode.Disabled) {
      // The reconciler removes this route in a moment; until then the tick does nothing.
      exchange.setRouteStop(true);
      return;
    }
    Instant warmedUp = clock.instant().minus(Durations.parse(breaker.get().warmup));
    List<String> inTraffic = ServicePods.selected(service.get(), cache.pods(namespace)).stream()
        .filter(ServicePods::isManaged)
        .filter(pod -> TrafficLabels.state(pod) == State.InTraffic)
        .filter(pod -> !ServicePods.readySince(pod).isAfter(warmedUp))
        .map(Pod::getMetadata)
        .map(m -> m.getName())
        .sorted()
        .toList();
    DetectorRequest request = new DetectorRequest(namespace, service.get().getMetadata().getName(), configName,
        breakerName, inTraffic);
    exchange.setProperty(DetectorExchange.REQUEST, request);
    exchange.setProperty(DetectorExchange.BREAKER_SPEC, breaker.get());
    in.setHeader(DetectorExchange.NAMESPACE, namespace);
    in.setHeader(DetectorExchange.SERVICE, request.service());
    in.setHeader(DetectorExchange.BREAKER_CONFIG, configName);
    in.setHeader(DetectorExchange.BREAKER, breakerName);
    if (breaker.get().custom != null && breaker.get().custom.parameters != null) {
      breaker.get().custom.parameters.forEach(in::setHeader);
    }
    in.setBody(request);
  }
}
