package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Conditions.Reasons;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.PodPatcher;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one BreakerConfig's world in line with its spec: checks it, claims its Service, labels new pods, and runs,
 * replaces or removes its breaker routes. Then it writes the status. It reads only the cache; it is run for every change
 * of the BreakerConfig, its Service or the Service's pods, and on every resync.
 */
public class Reconciler implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  /** The header that names the BreakerConfig to reconcile, as "namespace/name". */
  public static final String KEY = "kubervisorKey";

  private final ClusterCache cache;
  private final PodPatcher patcher;
  private final BreakerRoutes routes;
  private final DetectorRegistry detectors;
  private final Supervisions supervisions;
  private final StatusWriter statusWriter;
  private final Clock clock;
  private final ReconcileQueue queue;

  Reconciler(ReconcileQueue queue, ClusterCache cache, PodPatcher patcher, BreakerRoutes routes, DetectorRegistry detectors,
      Supervisions supervisions, StatusWriter statusWriter, Clock clock) {
    this.queue = queue;
    this.cache = cache;
    this.patcher = patcher;
    this.routes = routes;
    this.detectors = detectors;
    this.supervisions = supervisions;
    this.statusWriter = statusWriter;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    String key = exchange.getIn().getHeader(KEY, String.class);
    queue.taken(key);
    String namespace = key.substring(0, key.indexOf('/'));
    String name = key.substring(key.indexOf('/') + 1);
    Optional<BreakerConfig> found = cache.breakerConfig(namespace, name);
    if (found.isEmpty()) {
      routes.retain(namespace, name, Set.of());
      supervisions.forget(key);
      return;
    }
    reconcile(found.get(), supervisions.of(key));
  }

  private void reconcile(BreakerConfig config, Supervision supervision) throws Exception {
    String namespace = config.getMetadata().getNamespace();
    String name = config.getMetadata().getName();
    Optional<Service> service = cache.service(namespace, config.getSpec().service);
    List<Pod> pods = service.map(s -> ServicePods.selected(s, cache.pods(namespace))).orElse(List.of());

    Map<String, String> detectorEndpoints = new HashMap<>();
    supervision.problem(null, null);
    checkSpec(config, detectorEndpoints, supervision);
    claimService(config, supervision);

    boolean run = supervision.problem() == null && !supervision.conflict() && service.isPresent()
        && config.getSpec().mode != Mode.Disabled;
    if (run) {
      for (BreakerSpec breaker : config.getSpec().breakers) {
        routes.ensure(config, breaker, detectorEndpoints.get(breaker.name));
      }
      routes.retain(namespace, name, config.getSpec().breakers.stream().map(b -> b.name).collect(Collectors.toSet()));
    } else {
      routes.retain(namespace, name, Set.of());
    }
    supervision.retainBreakers(config.getSpec().breakers.stream().map(b -> b.name).collect(Collectors.toSet()));
    if (config.getSpec().mode != Mode.DryRun) {
      supervision.clearDryRun();
    }

    if (!supervision.conflict() && service.isPresent()) {
      boolean restoreAll = config.getSpec().mode == Mode.Disabled;
      for (Pod pod : pods) {
        labelPod(pod, restoreAll);
      }
    }
    statusWriter.write(config, StatusBuilder.build(config, service, pods, supervision, clock.instant()), supervision,
        clock.instant());
  }

  /** What the schema cannot check: durations parse and every detector has a route. */
  private void checkSpec(BreakerConfig config, Map<String, String> detectorEndpoints, Supervision supervision) {
    for (BreakerSpec breaker : config.getSpec().breakers) {
      try {
        Durations.parse(breaker.evaluationPeriod);
      } catch (IllegalArgumentException e) {
        supervision.problem(Reasons.INVALID_SPEC, "breaker " + breaker.name + ": evaluationPeriod " + e.getMessage());
        return;
      }
      String detector = DetectorRegistry.detectorName(breaker);
      Optional<String> endpoint = detectors.endpoint(detector);
      if (endpoint.isEmpty()) {
        supervision.problem(Reasons.UNKNOWN_DETECTOR, "breaker " + breaker.name + ": no detector route named '"
            + detector + "'; known detectors: " + String.join(", ", detectors.names()));
        return;
      }
      detectorEndpoints.put(breaker.name, endpoint.get());
    }
  }

  /** The oldest BreakerConfig of a Service owns it; the others stand by with a Conflict condition. */
  private void claimService(BreakerConfig config, Supervision supervision) {
    Optional<BreakerConfig> owner = cache.breakerConfigs().stream()
        .filter(other -> other.getMetadata().getNamespace().equals(config.getMetadata().getNamespace()))
        .filter(other -> config.getSpec().service.equals(other.getSpec().service))
        .min(Comparator.comparing((BreakerConfig c) -> c.getMetadata().getCreationTimestamp())
            .thenComparing(c -> c.getMetadata().getName()));
    boolean conflict = owner.isPresent() && !owner.get().getMetadata().getName().equals(config.getMetadata().getName());
    supervision.conflict(conflict, conflict ? "Service " + config.getSpec().service + " is already supervised by"
        + " BreakerConfig " + owner.get().getMetadata().getName() + "; this one does nothing" : null);
  }

  /** New pods join traffic on sight; with the BreakerConfig Disabled, every pod returns to traffic. */
  private void labelPod(Pod pod, boolean restore) {
    boolean unlabelled = !TrafficLabels.hasTrafficLabel(pod);
    boolean outOfTraffic = TrafficLabels.state(pod) != io.kubervisor.api.v1alpha1.PodStatus.State.InTraffic;
    if (!unlabelled && !(restore && outOfTraffic)) {
      return;
    }
    Map<String, String> annotations = new HashMap<>();
    if (restore) {
      TrafficLabels.ANNOTATIONS.forEach(a -> annotations.put(a, null));
    }
    try {
      patcher.patch(pod, TrafficLabels.YES, annotations);
      LOG.info("Pod {}/{} labelled {}={}{}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          TrafficLabels.TRAFFIC, TrafficLabels.YES, restore ? " (BreakerConfig disabled)" : " on sight");
    } catch (PodPatcher.StalePodException e) {
      LOG.debug("{}; the next reconcile sees the new version", e.getMessage());
    }
  }
}
