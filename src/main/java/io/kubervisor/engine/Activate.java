package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubervisor.activator.ActivatorAction;
import io.kubervisor.activator.ActivatorPolicy;
import io.kubervisor.api.v1alpha1.ActivatorSpec;
import io.kubervisor.api.v1alpha1.ActivatorSpec.KillMethod;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.EventRecorder;
import io.kubervisor.cluster.PodKiller;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One activator tick for one breaker: acts on the pods that breaker took out, by {@link ActivatorPolicy}. It holds the
 * BreakerConfig's decision lock, so the breakers never count a fleet the activator is changing.
 */
public class Activate implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(Activate.class);

  private final ClusterCache cache;
  private final PodTransitions transitions;
  private final PodKiller killer;
  private final EventRecorder events;
  private final Supervisions supervisions;
  private final ReconcileQueue reconciles;
  private final DecisionMetrics metrics;
  private final Clock clock;

  Activate(ClusterCache cache, PodTransitions transitions, PodKiller killer, EventRecorder events,
      Supervisions supervisions, ReconcileQueue reconciles, DecisionMetrics metrics, Clock clock) {
    this.cache = cache;
    this.transitions = transitions;
    this.killer = killer;
    this.events = events;
    this.supervisions = supervisions;
    this.reconciles = reconciles;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    String namespace = exchange.getIn().getHeader(PrepareEvaluation.NAMESPACE, String.class);
    String configName = exchange.getIn().getHeader(PrepareEvaluation.CONFIG, String.class);
    String breakerName = exchange.getIn().getHeader(PrepareEvaluation.BREAKER, String.class);
    Optional<BreakerConfig> config = cache.breakerConfig(namespace, configName);
    Optional<BreakerSpec> breaker = config.flatMap(c -> c.getSpec().breakers.stream()
        .filter(b -> b.name.equals(breakerName)).findFirst());
    Optional<Service> service = config.flatMap(c -> cache.service(namespace, c.getSpec().service));
    if (breaker.isEmpty() || service.isEmpty() || config.get().getSpec().mode == Mode.Disabled) {
      return;
    }
    String key = Supervisions.key(namespace, configName);
    Supervision supervision = supervisions.of(key);
    boolean changed = false;
    supervision.decisionLock.lock();
    try {
      List<Pod> pods = ServicePods.selected(service.get(), cache.pods(namespace));
      int paused = (int) pods.stream().filter(p -> TrafficLabels.state(p) == State.Paused).count();
      ActivatorSpec spec = effective(config.get(), breaker.get());
      for (Pod pod : pods) {
        if (!breakerName.equals(TrafficLabels.annotation(pod, TrafficLabels.BREAKER))) {
          continue;
        }
        ActivatorAction action = ActivatorPolicy.decide(spec, TrafficLabels.state(pod),
            instant(pod, TrafficLabels.BROKEN_AT), TrafficLabels.retries(pod), instant(pod, TrafficLabels.RESTORED_AT),
            "true".equals(TrafficLabels.annotation(pod, TrafficLabels.RESUME)), paused, clock.instant());
        try {
          changed |= act(action, pod, config.get(), spec, supervision);
        } catch (KubernetesClientException e) {
          if (!Forbidden.is(e)) {
            throw e;
          }
          // One refused pod (a plain delete without the RBAC for it, say) must not hold up the others.
          String refusal = Forbidden.message("return, pause or evict pods", e);
          if (supervision.refused(refusal, clock.instant())) {
            LOG.error("activator {}/{}/{}: {}", namespace, configName, breakerName, refusal);
            changed = true;
          }
          continue;
        }
        if (action instanceof ActivatorAction.Pause) {
          paused++;
        }
      }
    } finally {
      supervision.decisionLock.unlock();
    }
    if (changed) {
      reconciles.request(key);
    }
  }

  /** The breaker's own activator, else the BreakerConfig's default, else the defaults. */
  static ActivatorSpec effective(BreakerConfig config, BreakerSpec breaker) {
    if (breaker.activator != null) {
      return breaker.activator;
    }
    return config.getSpec().defaultActivator != null ? config.getSpec().defaultActivator : new ActivatorSpec();
  }

  private boolean act(ActivatorAction action, Pod pod, BreakerConfig config, ActivatorSpec spec,
      Supervision supervision) {
    String counted;
    boolean done;
    if (action instanceof ActivatorAction.Restore) {
      counted = "restore";
      done = transitions.retry(pod, config).isPresent();
    } else if (action instanceof ActivatorAction.Resume) {
      counted = "resume";
      done = transitions.release(pod, config, "Resumed by a user").isPresent();
    } else if (action instanceof ActivatorAction.Pause) {
      counted = "pause";
      done = transitions.pause(pod, config).isPresent();
    } else if (action instanceof ActivatorAction.ResetRetries) {
      counted = null;
      done = transitions.forgetRetries(pod, config).isPresent();
    } else if (action instanceof ActivatorAction.Kill) {
      return kill(pod, config, spec, supervision);
    } else {
      return false;
    }
    if (done && counted != null) {
      metrics.count(counted, config.getMetadata().getNamespace(), config.getMetadata().getName());
    }
    return done;
  }

  private boolean kill(Pod pod, BreakerConfig config, ActivatorSpec spec, Supervision supervision) {
    String name = pod.getMetadata().getName();
    String why = "broken " + TrafficLabels.retries(pod) + " times, more than maxRetryCount " + spec.maxRetryCount;
    if (spec.killMethod == KillMethod.Delete) {
      killer.delete(pod);
    } else if (!killer.evict(pod)) {
      String refusal = "EvictionRefused: a PodDisruptionBudget forbids evicting the pod now; kept out of traffic and"
          + " retried";
      if (supervision.activatorMessage(name, refusal)) {
        metrics.count("eviction_refused", config.getMetadata().getNamespace(), config.getMetadata().getName());
        DecisionLog.log(LOG, Level.WARN, "action", "EvictionRefused", "namespace", pod.getMetadata().getNamespace(),
            "pod", name, "breakerconfig", config.getMetadata().getName(), "reason", refusal);
        events.record(pod, "Warning", "EvictionRefused", refusal);
        events.record(config, "Warning", "EvictionRefused", "Pod " + name + ": " + refusal);
        return true;
      }
      return false;
    }
    supervision.activatorMessage(name, null);
    metrics.count("kill", config.getMetadata().getNamespace(), config.getMetadata().getName());
    String verb = spec.killMethod == KillMethod.Delete ? "Deleted" : "Evicted";
    DecisionLog.log(LOG, Level.INFO, "action", verb, "namespace", pod.getMetadata().getNamespace(), "pod", name,
        "breakerconfig", config.getMetadata().getName(), "reason", why);
    events.record(pod, "Warning", verb, verb + ": " + why);
    events.record(config, "Warning", verb, "Pod " + name + " " + verb.toLowerCase() + ": " + why);
    return true;
  }

  private static Instant instant(Pod pod, String annotation) {
    String value = TrafficLabels.annotation(pod, annotation);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
