package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.TrafficLabels;

/**
 * The writes that steer kubervisor, for the verbs and the dashboard alike: a BreakerConfig's mode, and a paused pod's
 * resume. Each returns the line to show the user, or throws a {@link CliException} that says why not.
 */
public final class Steering {

  public static final String ENABLED_EFFECT = "kubervisor acts on its decisions: anomalous pods leave traffic";
  public static final String DISABLED_EFFECT =
      "kubervisor stops evaluating and returns every pod of the Service to traffic";
  public static final String DRY_RUN_EFFECT = "kubervisor evaluates and records what it would do in the status and in"
      + " Events, touching no pod; the pods it took out return to traffic";

  private Steering() {}

  /** What a mode does, in a sentence. */
  public static String effect(Mode mode) {
    return switch (mode) {
      case Enabled -> ENABLED_EFFECT;
      case Disabled -> DISABLED_EFFECT;
      case DryRun -> DRY_RUN_EFFECT;
    };
  }

  /** Sets spec.mode of the BreakerConfig {@code name}; says so, or that it already was. */
  public static String setMode(Cluster cluster, String name, Mode mode) {
    BreakerConfig config = cluster.breakerConfig(name);
    Mode before = StatusReport.mode(config);
    if (before == mode) {
      return "breakerconfig " + name + " is already " + mode + "; nothing to do";
    }
    cluster.patchBreakerConfig(name, "{\"spec\":{\"mode\":\"" + mode + "\"}}");
    return "breakerconfig " + name + ": mode " + mode + " (was " + before + "); " + effect(mode);
  }

  /** Asks kubervisor to bring the paused pod back, by the annotation it watches for. */
  public static String resume(Cluster cluster, String name) {
    Pod pod = cluster.pod(name);
    State state = TrafficLabels.state(pod);
    return switch (state) {
      case Paused -> {
        cluster.patchPod(name, "{\"metadata\":{\"annotations\":{\"" + TrafficLabels.RESUME + "\":\"true\"}}}");
        yield "pod " + name + ": resume requested; kubervisor returns it to traffic within a second or two";
      }
      case Broken -> throw new CliException("pod " + name + " is broken, not paused: kubervisor retries it by itself;"
          + " see when with: kubectl kubervisor explain " + name + " -n " + cluster.namespace());
      case InTraffic -> throw new CliException("pod " + name + " is in traffic, not paused; there is nothing to"
          + " resume");
      case Unknown -> throw new CliException("pod " + name + " has no " + TrafficLabels.TRAFFIC + " label that"
          + " kubervisor knows, so kubervisor does not manage it; there is nothing to resume");
    };
  }
}
