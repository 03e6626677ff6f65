package io.kubervisor.engine;

import io.kubervisor.activator.ActivatorAction;
import io.kubervisor.api.v1alpha1.ActivatorSpec;
import io.kubervisor.api.v1alpha1.ActivatorSpec.KillMethod;
import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.decision.Activation;
import io.kubervisor.decision.PodView;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activator's step of a pass: the pods this BreakerConfig's breakers took out come back, pause or go, by each
 * breaker's activator ({@link Activation}), before the breakers decide, so both share one view of the fleet.
 */
public class Activate implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(Activate.class);

  private final ClusterCache cache;
  private final PodTransitions transitions;
  private final Clock clock;

  Activate(ClusterCache cache, PodTransitions transitions, Clock clock) {
    this.cache = cache;
    this.transitions = transitions;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Pass pass = exchange.getIn().getBody(Pass.class);
    if (!pass.acting) {
      return;
    }
    Instant now = clock.instant();
    Activation.Plan plan = Activation.decide(Fleets.view(pass), pass.rules, now);
    pass.activatorDue = plan.nextDue();
    Set<String> out = Fleets.view(pass).pods().stream().filter(pod -> pod.breaker() != null && !pod.inTraffic())
        .map(PodView::name).collect(Collectors.toSet());
    pass.supervision.activatorMessages.keySet().retainAll(out);
    for (Map.Entry<String, String> held : plan.held().entrySet()) {
      if (pass.supervision.activatorMessage(held.getKey(), held.getValue())) {
        LOG.info("BreakerConfig {}: pod {}: {}", pass.supervision.key(), held.getKey(), held.getValue());
      }
    }
    boolean wrote = false;
    for (Activation.Step step : plan.steps()) {
      wrote |= act(pass, pass.pod(step.pod().name()), step);
    }
    if (wrote) {
      Fleets.refresh(pass, cache, now);
    }
  }

  private boolean act(Pass pass, CachedPod pod, Activation.Step step) {
    ActivatorAction action = step.action();
    if (action instanceof ActivatorAction.Restore) {
      return transitions.retry(pass, pod);
    }
    if (action instanceof ActivatorAction.Resume) {
      return transitions.release(pass, pod, "Resumed by a user", "resume");
    }
    if (action instanceof ActivatorAction.Pause) {
      return transitions.pause(pass, pod);
    }
    if (action instanceof ActivatorAction.ResetRetries) {
      return transitions.forgetRetries(pass, pod);
    }
    if (action instanceof ActivatorAction.Kill) {
      ActivatorSpec spec = pass.rules.get(step.breaker()).activator();
      return transitions.kill(pass, pod, spec.killMethod == KillMethod.Delete, "broken "
          + TrafficLabels.retries(pod) + " times, more than maxRetryCount " + spec.maxRetryCount);
    }
    return false;
  }
}
