package io.kubervisor.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Conditions.Reasons;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.Stubs;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.cluster.WriteFence;
import io.kubervisor.decision.BreakerRules;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.DetectorRequest;
import io.kubervisor.detectors.http.DetectorCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a pass: brings one BreakerConfig's world in line with its spec, in small steps (finalizer, spec
 * checks, Service claim, stranded pods released, unlabelled pods labelled), then sets out what the pass evaluates: the
 * breakers that are due, each with the pods it judges. It reads only the cache and this replica's own writes.
 */
public class Reconcile implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(Reconcile.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Held on every BreakerConfig until kubervisor has returned its pods to traffic. */
  public static final String FINALIZER = "kubervisor.io/finalizer";
  /** The exchange property that also holds the pass, for the detector calls' sub-exchanges. */
  public static final String PASS = "kubervisorPass";

  private final ClusterCache cache;
  private final KubernetesClient writeClient;
  private final Leadership leadership;
  private final Supervisions supervisions;
  private final PodTransitions transitions;
  private final DetectorRegistry detectors;
  private final DetectorCredentials credentials;
  private final FleetGauges fleetGauges;
  private final Clock clock;

  Reconcile(ClusterCache cache, KubernetesClient writeClient, Leadership leadership, Supervisions supervisions,
      PodTransitions transitions, DetectorRegistry detectors, DetectorCredentials credentials,
      FleetGauges fleetGauges, Clock clock) {
    this.cache = cache;
    this.writeClient = writeClient;
    this.leadership = leadership;
    this.supervisions = supervisions;
    this.transitions = transitions;
    this.detectors = detectors;
    this.credentials = credentials;
    this.fleetGauges = fleetGauges;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Supervision supervision = exchange.getIn().getBody(Supervision.class);
    WriteFence term = leadership.term();
    Pass pass = new Pass(supervision, term == null ? NOT_LEADING : term, clock.instant());
    exchange.getIn().setBody(pass);
    exchange.setProperty(PASS, pass);
    if (term == null) {
      pass.finished = true;
      return;
    }
    supervisions.shown(supervision);
    Optional<BreakerConfig> found = cache.breakerConfig(supervision.namespace, supervision.name);
    if (found.isEmpty()) {
      forget(pass);
      return;
    }
    pass.config = found.get();
    if (pass.config.getMetadata().getDeletionTimestamp() != null) {
      finish(pass);
      return;
    }
    if (!pass.config.getMetadata().getFinalizers().contains(FINALIZER)) {
      editFinalizers(pass, true);
    }
    checkSpec(pass);
    claimService(pass);
    pass.service = cache.service(pass.namespace(), pass.config.getSpec().service).orElse(null);
    pass.running = supervision.problem == null && supervision.conflict == null && pass.service != null
        && pass.mode() != Mode.Disabled;
    boolean watched = cache.podsWatched();
    if (supervision.news("watch", watched ? null : "down")) {
      LOG.warn("BreakerConfig {}: the pod watch is down; no pod is moved until it is back", supervision.key());
    }
    pass.acting = pass.running && pass.mode() == Mode.Enabled && watched;
    Fleets.refresh(pass, cache, clock.instant());
    if (watched) {
      releaseStranded(pass);
      Fleets.refresh(pass, cache, clock.instant());
      labelNewPods(pass);
      Fleets.refresh(pass, cache, clock.instant());
    }
    supervision.retainPods(pass.pods.stream().map(CachedPod::name).collect(Collectors.toSet()));
    Set<String> breakers = pass.config.getSpec().breakers.stream().map(b -> b.name).collect(Collectors.toSet());
    supervision.retainBreakers(breakers);
    if (pass.mode() != Mode.DryRun) {
      supervision.clearDryRun();
    }
    if (pass.running) {
      // Read when due (every resync period), so a rotated Secret is picked up; never on each evaluation.
      credentials.refresh(pass.config);
      planCalls(pass);
    } else {
      credentials.forget(pass.namespace(), pass.name());
      supervision.stopBreakers();
    }
  }

  /** What the schema cannot check: durations parse and every detector has a route. */
  private void checkSpec(Pass pass) {
    pass.supervision.problem = null;
    pass.supervision.problemReason = null;
    for (BreakerSpec breaker : pass.config.getSpec().breakers) {
      try {
        Durations.parse(breaker.evaluationPeriod);
        Durations.parse(breaker.warmup);
        if (breaker.trend != null) {
          Durations.parse(breaker.trend.window);
          if (breaker.trend.horizon != null) {
            Durations.parse(breaker.trend.horizon);
          }
        }
        BreakerRules.activator(pass.config, breaker).validate();
        if (breaker.custom != null && breaker.custom.parameters != null) {
          breaker.custom.parameters.keySet().stream().filter(DetectorExchange::reserved).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("custom parameter '" + name + "': names starting with kubervisor or"
                + " camel are reserved for kubervisor's and Camel's own headers");
          });
        }
      } catch (IllegalArgumentException e) {
        problem(pass, Reasons.INVALID_SPEC, "breaker " + breaker.name + ": " + e.getMessage());
        return;
      }
      String detector = DetectorRegistry.detectorName(breaker);
      if (detectors.endpoint(detector).isEmpty()) {
        problem(pass, Reasons.UNKNOWN_DETECTOR, "breaker " + breaker.name + ": no detector route named '" + detector
            + "'; known detectors: " + String.join(", ", detectors.names()));
        return;
      }
    }
  }

  private void problem(Pass pass, String reason, String message) {
    pass.supervision.problemReason = reason;
    pass.supervision.problem = message;
  }

  /** The oldest BreakerConfig of a Service owns it; the others stand by with a Conflict condition. */
  private void claimService(Pass pass) {
    BreakerConfig owner = cache.breakerConfigsOf(pass.namespace(), pass.config.getSpec().service).stream()
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .findFirst().orElse(pass.config);
    pass.supervision.conflict = owner.getMetadata().getName().equals(pass.name()) ? null
        : "Service " + pass.config.getSpec().service + " is already supervised by BreakerConfig "
            + owner.getMetadata().getName() + "; this one does nothing";
  }

  /**
   * Pods this BreakerConfig took out that no running breaker will bring back: the Service no longer selects them, their
   * breaker is gone, the mode no longer acts, or another BreakerConfig owns the Service. They return to traffic with a
   * clean record, never stranded.
   */
  private void releaseStranded(Pass pass) {
    Set<String> selected = pass.pods.stream().map(CachedPod::name).collect(Collectors.toSet());
    Set<String> acting = pass.running && pass.mode() == Mode.Enabled ? pass.config.getSpec().breakers.stream()
        .map(b -> b.name).collect(Collectors.toSet()) : Set.of();
    for (CachedPod pod : cache.podsOf(pass.namespace(), pass.name())) {
      if (pod.terminating()) {
        continue;
      }
      String breaker = pod.annotation(TrafficLabels.BREAKER);
      if (!selected.contains(pod.name())) {
        transitions.release(pass, pod, "No longer selected by Service " + pass.config.getSpec().service, null);
      } else if (!acting.contains(breaker)) {
        String why = pass.supervision.conflict != null ? "Another BreakerConfig supervises the Service"
            : pass.mode() != Mode.Enabled ? "BreakerConfig is " + pass.mode()
            : pass.service == null ? "Service " + pass.config.getSpec().service + " not found"
            : pass.supervision.problem != null ? "BreakerConfig cannot run: " + pass.supervision.problem
            : "Breaker " + breaker + " is gone";
        transitions.release(pass, current(pass, pod), why, null);
      }
    }
  }

  /** This replica's own latest write of a pod, when the cache has not shown it yet. */
  private static CachedPod current(Pass pass, CachedPod pod) {
    CachedPod known = pass.pod(pod.name());
    return known != null ? known : pod;
  }

  /** Pods without a traffic label join traffic; with the BreakerConfig Disabled, every pod returns to traffic. */
  private void labelNewPods(Pass pass) {
    if (pass.service == null || pass.supervision.conflict != null) {
      return;
    }
    for (CachedPod pod : pass.pods) {
      if (!pod.labels().containsKey(TrafficLabels.TRAFFIC)) {
        transitions.labelOnSight(pass, pod);
      } else if (pass.mode() == Mode.Disabled && TrafficLabels.state(pod) != State.InTraffic) {
        transitions.release(pass, pod, "BreakerConfig is Disabled", null);
      }
    }
  }

  /** The breakers whose evaluation period has come, each with the pods it judges: in traffic and warmed up. */
  private void planCalls(Pass pass) {
    Instant now = pass.started;
    for (BreakerSpec breaker : pass.config.getSpec().breakers) {
      pass.rules.put(breaker.name, BreakerRules.of(pass.config, breaker));
      Duration period = Durations.parse(breaker.evaluationPeriod);
      Instant last = pass.supervision.evaluatedAt.get(breaker.name);
      if (last != null && now.isBefore(last.plus(period))) {
        continue;
      }
      // On the period's beat while the passes keep up, so the detector is asked exactly once per period.
      Instant due = last == null ? now : last.plus(period);
      pass.supervision.evaluatedAt.put(breaker.name, now.isBefore(due.plus(period)) ? due : now);
      Instant warmedUp = now.minus(Durations.parse(breaker.warmup));
      List<String> judged = pass.pods.stream()
          .filter(pod -> pod.managed() && TrafficLabels.state(pod) == State.InTraffic)
          .filter(pod -> pod.readySince() == null || !pod.readySince().isAfter(warmedUp))
          .map(CachedPod::name).sorted().toList();
      String detector = DetectorRegistry.detectorName(breaker);
      pass.calls.add(new BreakerCall(breaker, detector, detectors.endpoint(detector).orElseThrow(),
          new DetectorRequest(pass.namespace(), pass.config.getSpec().service, pass.name(), breaker.name, judged)));
    }
  }

  /** Deletion: every pod this BreakerConfig took out returns to traffic, then the finalizer goes. */
  private void finish(Pass pass) {
    pass.finished = true;
    List<CachedPod> remaining = new ArrayList<>();
    for (CachedPod pod : cache.podsOf(pass.namespace(), pass.name())) {
      if (!pod.terminating()
          && !transitions.release(pass, pod, "BreakerConfig " + pass.name() + " deleted", null)) {
        remaining.add(pod);
      }
    }
    if (remaining.isEmpty() && pass.config.getMetadata().getFinalizers().contains(FINALIZER)) {
      editFinalizers(pass, false);
      LOG.info("BreakerConfig {} deleted; its pods are back in traffic", pass.supervision.key());
    }
  }

  private void forget(Pass pass) {
    pass.finished = true;
    supervisions.forget(pass.supervision.key());
    credentials.forget(pass.namespace(), pass.name());
    fleetGauges.forget(pass.namespace(), pass.name());
  }

  /**
   * One merge patch of the finalizers, on the version this pass read: a BreakerConfig changed meanwhile refuses it
   * (409) and the next pass, on the fresh version, does it again.
   */
  private void editFinalizers(Pass pass, boolean add) {
    List<String> finalizers = new ArrayList<>(pass.config.getMetadata().getFinalizers());
    finalizers.remove(FINALIZER);
    if (add) {
      finalizers.add(FINALIZER);
    }
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("resourceVersion", pass.config.getMetadata().getResourceVersion());
    finalizers.forEach(metadata.putArray("finalizers")::add);
    pass.term.check();
    try {
      writeClient.resources(BreakerConfig.class).inNamespace(pass.namespace())
          .resource(Stubs.named(new BreakerConfig(), pass.namespace(), pass.name()))
          .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.createObjectNode().set("metadata", metadata).toString());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** The fence of a pass that started without leadership: it writes nothing. */
  private static final WriteFence NOT_LEADING = () -> {
    throw new WriteFence.LeadershipLostException("this replica does not lead");
  };
}
