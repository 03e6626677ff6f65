package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Conditions.Reasons;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.detectors.http.DetectorCredentials;
import java.time.Clock;
import java.util.ArrayList;
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
 * Brings one BreakerConfig's world in line with its spec, in small steps: finalizer, spec checks, Service claim,
 * routes, pod labels, status. It reads only the cache. It runs for every change of the BreakerConfig, its Service or
 * the Service's pods, and on every resync, so a step that fails is simply tried again.
 */
public class Reconciler implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  /** The header that names the BreakerConfig to reconcile, as "namespace/name". */
  public static final String KEY = "kubervisorKey";
  /** Held on every BreakerConfig until kubervisor has returned its pods to traffic. */
  public static final String FINALIZER = "kubervisor.io/finalizer";

  private final ReconcileQueue queue;
  private final ClusterCache cache;
  private final KubernetesClient client;
  private final PodTransitions transitions;
  private final SupervisionRoutes routes;
  private final DetectorRegistry detectors;
  private final DetectorCredentials credentials;
  private final Supervisions supervisions;
  private final StatusWriter statusWriter;
  private final FleetGauges fleetGauges;
  private final Clock clock;

  Reconciler(ReconcileQueue queue, ClusterCache cache, KubernetesClient client, PodTransitions transitions,
      SupervisionRoutes routes, DetectorRegistry detectors, DetectorCredentials credentials, Supervisions supervisions,
      StatusWriter statusWriter, FleetGauges fleetGauges, Clock clock) {
    this.queue = queue;
    this.cache = cache;
    this.client = client;
    this.transitions = transitions;
    this.routes = routes;
    this.detectors = detectors;
    this.credentials = credentials;
    this.supervisions = supervisions;
    this.statusWriter = statusWriter;
    this.fleetGauges = fleetGauges;
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
      credentials.forget(namespace, name);
      supervisions.forget(key);
      fleetGauges.forget(namespace, name);
      return;
    }
    BreakerConfig config = found.get();
    Supervision supervision = supervisions.of(key);
    if (config.getMetadata().getDeletionTimestamp() != null) {
      finish(config, supervision);
      return;
    }
    if (!config.getMetadata().getFinalizers().contains(FINALIZER)) {
      editFinalizers(config, true);
      return; // the update comes back through the cache
    }
    supervision.decisionLock.lock();
    try {
      reconcile(config, supervision);
    } finally {
      supervision.decisionLock.unlock();
    }
  }

  private void reconcile(BreakerConfig config, Supervision supervision) throws Exception {
    String namespace = config.getMetadata().getNamespace();
    String name = config.getMetadata().getName();
    Optional<Service> service = cache.service(namespace, config.getSpec().service);
    List<Pod> selected = service.map(s -> ServicePods.selected(s, cache.pods(namespace))).orElse(List.of());

    Map<String, String> detectorEndpoints = new HashMap<>();
    supervision.problem(null, null);
    checkSpec(config, detectorEndpoints, supervision);
    claimService(config, supervision);
    Set<String> breakers = config.getSpec().breakers.stream().map(b -> b.name).collect(Collectors.toSet());

    boolean run = supervision.problem() == null && !supervision.conflict() && service.isPresent()
        && config.getSpec().mode != Mode.Disabled;
    if (run) {
      // Resolved before the routes start, and again on each resync, so a rotated Secret is picked up.
      credentials.refresh(config);
      for (BreakerSpec breaker : config.getSpec().breakers) {
        routes.ensure(config, breaker, detectorEndpoints.get(breaker.name));
      }
      routes.retain(namespace, name, breakers);
    } else {
      routes.retain(namespace, name, Set.of());
      credentials.forget(namespace, name);
    }
    supervision.retainBreakers(breakers);
    if (config.getSpec().mode != Mode.DryRun) {
      supervision.clearDryRun();
    }

    if (!supervision.conflict()) {
      try {
        releaseStranded(config, selected, run && config.getSpec().mode == Mode.Enabled ? breakers : Set.of());
        if (service.isPresent()) {
          labelPods(config, selected);
        }
      } catch (KubernetesClientException e) {
        if (!Forbidden.is(e)) {
          throw e;
        }
        supervision.problem(Reasons.FORBIDDEN, Forbidden.message("change pods", e));
        LOG.error("BreakerConfig {}/{}: {}", namespace, name, supervision.problem());
      }
    }
    BreakerConfigStatus status = StatusBuilder.build(config, service, selected, supervision, clock.instant());
    fleetGauges.record(namespace, name, status);
    statusWriter.write(config, status, supervision, clock.instant());
  }

  /** What the schema cannot check: durations parse and every detector has a route. */
  private void checkSpec(BreakerConfig config, Map<String, String> detectorEndpoints, Supervision supervision) {
    for (BreakerSpec breaker : config.getSpec().breakers) {
      try {
        Durations.parse(breaker.evaluationPeriod);
        Durations.parse(breaker.warmup);
        if (breaker.trend != null) {
          Durations.parse(breaker.trend.window);
          if (breaker.trend.horizon != null) {
            Durations.parse(breaker.trend.horizon);
          }
        }
        Activate.effective(config, breaker).validate();
      } catch (IllegalArgumentException e) {
        supervision.problem(Reasons.INVALID_SPEC, "breaker " + breaker.name + ": " + e.getMessage());
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
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .filter(other -> config.getSpec().service.equals(other.getSpec().service))
        .min(Comparator.comparing((BreakerConfig c) -> c.getMetadata().getCreationTimestamp())
            .thenComparing(c -> c.getMetadata().getName()));
    boolean conflict = owner.isPresent() && !owner.get().getMetadata().getName().equals(config.getMetadata().getName());
    supervision.conflict(conflict, conflict ? "Service " + config.getSpec().service + " is already supervised by"
        + " BreakerConfig " + owner.get().getMetadata().getName() + "; this one does nothing" : null);
  }

  /**
   * Pods this BreakerConfig took out that no running breaker will bring back: the Service no longer selects them, their
   * breaker is gone, or the mode no longer acts. They return to traffic with a clean record, never stranded.
   */
  private void releaseStranded(BreakerConfig config, List<Pod> selected, Set<String> actingBreakers) {
    Set<String> selectedNames = selected.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    for (Pod pod : ours(config)) {
      String breaker = TrafficLabels.annotation(pod, TrafficLabels.BREAKER);
      if (!selectedNames.contains(pod.getMetadata().getName())) {
        transitions.release(pod, config, "No longer selected by Service " + config.getSpec().service);
      } else if (!actingBreakers.contains(breaker)) {
        transitions.release(pod, config, config.getSpec().mode == Mode.Enabled
            ? "Breaker " + breaker + " is gone" : "BreakerConfig is " + config.getSpec().mode);
      }
    }
  }

  /** New pods join traffic on sight; with the BreakerConfig Disabled, every pod of the Service returns to traffic. */
  private void labelPods(BreakerConfig config, List<Pod> selected) {
    boolean disabled = config.getSpec().mode == Mode.Disabled;
    for (Pod pod : selected) {
      if (!TrafficLabels.hasTrafficLabel(pod)) {
        transitions.apply(pod, TrafficLabels.YES, Map.of(), null, "Normal", "InTraffic",
            "Labelled " + TrafficLabels.TRAFFIC + "=" + TrafficLabels.YES + " on sight");
      } else if (disabled && TrafficLabels.state(pod) != State.InTraffic) {
        transitions.release(pod, config, "BreakerConfig is Disabled");
      }
    }
  }

  /** Deletion: every pod this BreakerConfig took out returns to traffic, then the finalizer goes. */
  private void finish(BreakerConfig config, Supervision supervision) throws Exception {
    String namespace = config.getMetadata().getNamespace();
    String name = config.getMetadata().getName();
    routes.retain(namespace, name, Set.of());
    supervision.decisionLock.lock();
    try {
      List<Pod> remaining = new ArrayList<>();
      for (Pod pod : ours(config)) {
        if (transitions.release(pod, null, "BreakerConfig " + name + " deleted").isEmpty()) {
          remaining.add(pod);
        }
      }
      if (remaining.isEmpty() && config.getMetadata().getFinalizers().contains(FINALIZER)) {
        editFinalizers(config, false);
        LOG.info("BreakerConfig {}/{} deleted; its pods are back in traffic", namespace, name);
      }
    } finally {
      supervision.decisionLock.unlock();
    }
  }

  /** Pods carrying this BreakerConfig's annotation, selected by its Service or not. */
  private List<Pod> ours(BreakerConfig config) {
    String name = config.getMetadata().getName();
    return cache.pods(config.getMetadata().getNamespace()).stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .filter(pod -> name.equals(TrafficLabels.annotation(pod, TrafficLabels.BREAKER_CONFIG)))
        .toList();
  }

  private void editFinalizers(BreakerConfig config, boolean add) {
    try {
      client.resources(BreakerConfig.class).inNamespace(config.getMetadata().getNamespace())
          .withName(config.getMetadata().getName()).edit(current -> {
            List<String> finalizers = new ArrayList<>(current.getMetadata().getFinalizers());
            finalizers.remove(FINALIZER);
            if (add) {
              finalizers.add(FINALIZER);
            }
            current.getMetadata().setFinalizers(finalizers);
            return current;
          });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) {
        throw e;
      }
      // Gone, or changed meanwhile: the next reconcile sees the fresh version.
    }
  }
}
