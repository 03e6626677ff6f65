package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubervisor.analysis.Floor;
import io.kubervisor.analysis.FloorDecision;
import io.kubervisor.analysis.Numbers;
import io.kubervisor.analysis.Verdict;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.BreakerEvaluation.Outcome;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.DryRunDecision;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.EventRecorder;
import io.kubervisor.cluster.PodPatcher;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.DetectorRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Last step of a breaker tick: takes the detector's anomalous pods out of traffic, worst first, while the floor holds.
 * All breakers of a BreakerConfig decide one at a time, on the cache as updated by the previous decision, because they
 * share one floor. No data changes nothing.
 */
public class EjectWithinFloor implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(EjectWithinFloor.class);
  /** How long a decision waits for the cache to show its own writes before the next decision may count them. */
  private static final Duration SEE_OWN_WRITES = Duration.ofSeconds(5);
  private static final int MAX_ANNOTATION_LENGTH = 1024;

  private final ClusterCache cache;
  private final PodPatcher patcher;
  private final EventRecorder events;
  private final Supervisions supervisions;
  private final ReconcileQueue reconciles;
  private final DecisionMetrics metrics;
  private final Clock clock;

  EjectWithinFloor(ClusterCache cache, PodPatcher patcher, EventRecorder events, Supervisions supervisions,
      ReconcileQueue reconciles, DecisionMetrics metrics, Clock clock) {
    this.cache = cache;
    this.patcher = patcher;
    this.events = events;
    this.supervisions = supervisions;
    this.reconciles = reconciles;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    DetectorRequest request = DetectorExchange.request(exchange);
    BreakerSpec breaker = DetectorExchange.breaker(exchange);
    @SuppressWarnings("unchecked")
    List<Verdict> verdicts = exchange.getIn().getBody(List.class);
    String key = Supervisions.key(request.namespace(), request.breakerConfig());
    Supervision supervision = supervisions.of(key);
    supervision.decisionLock.lock();
    try {
      decide(request, breaker, verdicts, supervision, exchange.getProperty(DetectorExchange.IGNORED, 0,
          Integer.class));
    } catch (KubernetesClientException e) {
      if (!Forbidden.is(e)) {
        throw e;
      }
      String refusal = Forbidden.message("take pods out of traffic", e);
      if (supervision.refused(refusal, clock.instant())) {
        LOG.error("breaker {}/{}/{}: {}", request.namespace(), request.breakerConfig(), request.breaker(), refusal);
      }
    } finally {
      supervision.decisionLock.unlock();
    }
    reconciles.request(key);
  }

  private void decide(DetectorRequest request, BreakerSpec breaker, List<Verdict> verdicts, Supervision supervision,
      int ignoredByDetector) throws InterruptedException {
    Optional<BreakerConfig> config = cache.breakerConfig(request.namespace(), request.breakerConfig());
    Optional<Service> service = config.flatMap(c -> cache.service(request.namespace(), c.getSpec().service));
    if (config.isEmpty() || service.isEmpty() || config.get().getSpec().mode == Mode.Disabled) {
      return;
    }
    List<Pod> managed = ServicePods.selected(service.get(), cache.pods(request.namespace())).stream()
        .filter(ServicePods::isManaged).toList();
    Map<String, Pod> inTraffic = managed.stream().filter(pod -> TrafficLabels.state(pod) == State.InTraffic)
        .collect(Collectors.toMap(pod -> pod.getMetadata().getName(), Function.identity()));
    // Pods that left traffic or the Service since the detector was called are no longer this breaker's to judge.
    List<Verdict> judged = verdicts.stream().filter(v -> inTraffic.containsKey(v.pod())).toList();
    int ignored = ignoredByDetector + verdicts.size() - judged.size();
    if (ignored > 0) {
      LOG.info("breaker {}/{}/{}: ignored {} series or verdicts for pods not in traffic in Service {}",
          request.namespace(), request.breakerConfig(), breaker.name, ignored, request.service());
    }

    BreakerEvaluation evaluation = new BreakerEvaluation();
    evaluation.breaker = breaker.name;
    evaluation.time = Instant.now(clock).toString();
    evaluation.evaluated = (int) judged.stream().filter(v -> v.value() != null).count();
    evaluation.anomalous = (int) judged.stream().filter(Verdict::anomalous).count();
    if (evaluation.evaluated == 0 && !judged.isEmpty()) {
      evaluation.outcome = Outcome.NoData;
      evaluation.error = "no data for any of the " + judged.size() + " pods in traffic (" + judged.get(0).pod()
          + ": " + judged.get(0).reason() + ")";
      evaluation.ejected = 0;
      evaluation.spared = 0;
      supervision.recordEvaluation(evaluation);
      return;
    }

    FloorDecision decision = Floor.decide(managed.size(), inTraffic.size(), breaker.minPodsAvailableCount,
        breaker.minPodsAvailableRatio, judged);
    boolean dryRun = config.get().getSpec().mode == Mode.DryRun;
    int ejected = 0;
    for (Verdict verdict : decision.eject()) {
      if (dryRun) {
        recordDryRun(config.get(), breaker, verdict, inTraffic.get(verdict.pod()), supervision);
        ejected++;
      } else if (eject(config.get(), breaker, verdict, inTraffic.get(verdict.pod()))) {
        ejected++;
      }
    }
    List<String> spared = decision.spared().stream().map(Verdict::pod).sorted().toList();
    if (supervision.sparedChanged(breaker.name, spared) && !spared.isEmpty()) {
      LOG.warn("breaker {}/{}/{}: {} anomalous pod(s) kept in traffic to hold the floor of {} of {} managed: {}",
          request.namespace(), request.breakerConfig(), breaker.name, spared.size(), decision.floor(),
          managed.size(), String.join(", ", spared));
    }
    evaluation.outcome = Outcome.Evaluated;
    evaluation.ejected = ejected;
    evaluation.spared = decision.spared().size();
    supervision.recordEvaluation(evaluation);
  }

  /** Takes one pod out of traffic; false if it changed meanwhile and no longer qualifies. */
  private boolean eject(BreakerConfig config, BreakerSpec breaker, Verdict verdict, Pod pod)
      throws InterruptedException {
    String configName = config.getMetadata().getName();
    Pod target = pod;
    Pod patched;
    try {
      patched = patcher.patch(target, TrafficLabels.NO, breakAnnotations(configName, breaker, verdict, target));
    } catch (PodPatcher.StalePodException stale) {
      // Decide again on the pod as it is now: only a pod still in traffic and managed may leave.
      target = patcher.fresh(pod);
      if (target == null || TrafficLabels.state(target) != State.InTraffic || !ServicePods.isManaged(target)) {
        return false;
      }
      patched = patcher.patch(target, TrafficLabels.NO, breakAnnotations(configName, breaker, verdict, target));
    }
    String version = patched.getMetadata().getResourceVersion();
    cache.awaitPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
        p -> version.equals(p.getMetadata().getResourceVersion()) || TrafficLabels.state(p) != State.InTraffic,
        SEE_OWN_WRITES);
    metrics.count("break", config.getMetadata().getNamespace(), configName);
    DecisionLog.log(LOG, Level.INFO, "action", "break", "namespace", config.getMetadata().getNamespace(), "service",
        config.getSpec().service, "pod", pod.getMetadata().getName(), "breakerconfig", configName, "breaker",
        breaker.name, "value", Numbers.format(verdict.value()), "threshold", BreakerThreshold.of(breaker), "reason",
        verdict.reason());
    String message = "Taken out of traffic by breaker " + breaker.name + ": " + verdict.reason();
    events.record(patched, "Warning", "OutOfTraffic", message);
    events.record(config, "Warning", "PodOutOfTraffic", "Pod " + pod.getMetadata().getName() + ": " + message);
    return true;
  }

  private Map<String, String> breakAnnotations(String configName, BreakerSpec breaker, Verdict verdict, Pod pod) {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(TrafficLabels.BROKEN_AT, Instant.now(clock).toString());
    annotations.put(TrafficLabels.BREAKER, breaker.name);
    annotations.put(TrafficLabels.BREAKER_CONFIG, configName);
    annotations.put(TrafficLabels.RESTORED_AT, null);
    annotations.put(TrafficLabels.RESUME, null);
    annotations.put(TrafficLabels.RETRIES, String.valueOf(TrafficLabels.retries(pod) + 1));
    annotations.put(TrafficLabels.REASON, truncate(verdict.reason()));
    annotations.put(TrafficLabels.VALUE, Numbers.format(verdict.value()));
    return annotations;
  }

  private void recordDryRun(BreakerConfig config, BreakerSpec breaker, Verdict verdict, Pod pod,
      Supervision supervision) {
    DryRunDecision decision = new DryRunDecision();
    decision.pod = verdict.pod();
    decision.breaker = breaker.name;
    decision.time = Instant.now(clock).toString();
    decision.reason = verdict.reason();
    decision.value = Numbers.format(verdict.value());
    if (supervision.recordDryRun(decision)) {
      metrics.count("dry_run", config.getMetadata().getNamespace(), config.getMetadata().getName());
      DecisionLog.log(LOG, Level.INFO, "action", "dry-run-break", "namespace", config.getMetadata().getNamespace(),
          "service", config.getSpec().service, "pod", verdict.pod(), "breakerconfig", config.getMetadata().getName(),
          "breaker", breaker.name, "value", Numbers.format(verdict.value()), "threshold", BreakerThreshold.of(breaker),
          "reason", verdict.reason());
      String message = "DryRun: would take out of traffic (breaker " + breaker.name + "): " + verdict.reason();
      events.record(pod, "Normal", "DryRunOutOfTraffic", message);
      events.record(config, "Normal", "DryRunOutOfTraffic", "Pod " + verdict.pod() + ": " + message);
    }
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ANNOTATION_LENGTH ? text : text.substring(0, MAX_ANNOTATION_LENGTH - 3) + "...";
  }
}
