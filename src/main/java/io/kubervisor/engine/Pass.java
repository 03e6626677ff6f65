package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.WriteFence;
import io.kubervisor.decision.BreakerRules;
import io.kubervisor.decision.Ejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over one BreakerConfig: the body of the pass route's exchange. {@link Reconcile} fills it from the cache,
 * the detector calls add their verdicts, {@link Activate} and {@link EjectWithinFloor} decide and write, and
 * {@link WriteStatus} reports. Only the pass's own worker touches it.
 */
public final class Pass {

  final Supervision supervision;
  /** Every write of this pass checks it: the leadership term the pass started in. */
  final WriteFence term;
  final Instant started;
  final long startedNanos = System.nanoTime();

  BreakerConfig config;
  Service service;
  /** The Service's pods, not terminating, with this replica's own recent writes overlaid. */
  List<CachedPod> pods = List.of();
  /** The pods the Service's workloads ask for: the fleet the floors are computed from. */
  int desired;
  /** The workloads of the Service's pods whose template lacks the traffic label, as "Kind name". */
  List<String> unlabelledTemplates = List.of();
  /** The breakers run: detectors are called and their outcomes recorded. */
  boolean running;
  /** Pods may be moved: the breakers run, the mode is Enabled, and the pod watch is open. */
  boolean acting;
  final Map<String, BreakerRules> rules = new LinkedHashMap<>();
  final List<BreakerCall> calls = new ArrayList<>();
  Ejection.Plan ejection;
  /** When the activator next has something to do, or null. */
  Instant activatorDue;
  /** Set when the BreakerConfig is gone or being deleted: nothing is reported. */
  boolean finished;

  Pass(Supervision supervision, WriteFence term, Instant started) {
    this.supervision = supervision;
    this.term = term;
    this.started = started;
  }

  /** The split of the pass route iterates over these. */
  public List<BreakerCall> getDetectorCalls() {
    return calls;
  }

  String namespace() {
    return supervision.namespace;
  }

  String name() {
    return supervision.name;
  }

  Mode mode() {
    return config.getSpec().mode;
  }

  CachedPod pod(String name) {
    return pods.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }
}
