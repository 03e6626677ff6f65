package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.PodStatus;
import io.kubervisor.cluster.TrafficLabels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code explain POD}: why a pod is out of traffic (or was), and what happens to it next. */
@Command(name = "explain", customSynopsis = "POD",
    header = "why a pod is out of traffic, and when kubervisor acts on it next",
    description = "Shows the pod's traffic state and why: the breaker that took it out and its BreakerConfig, the"
        + " detector's reason and value, when it was broken and restored, its retry count, when the activator acts on"
        + " it next (from the BreakerConfig's status), and kubervisor's most recent Events about it.")
final class ExplainCommand implements Runnable {

  @ParentCommand
  RootCommand plugin;

  @Parameters(paramLabel = "POD", description = "the pod")
  String name;

  @Override
  public void run() {
    Cluster cluster = plugin.cluster();
    Pod pod = cluster.pod(name);
    plugin.out().print(Explanation.of(pod, cluster.namespace(), reported(cluster, pod), cluster.events(name),
        plugin.now()));
  }

  /** The pod's entry in the status of the BreakerConfig that took it out, if any. */
  private static PodStatus reported(Cluster cluster, Pod pod) {
    String configName = TrafficLabels.annotation(pod, TrafficLabels.BREAKER_CONFIG);
    if (configName == null) {
      return null;
    }
    return cluster.findBreakerConfig(configName)
        .map(BreakerConfig::getStatus)
        .flatMap(status -> status.pods.stream().filter(p -> pod.getMetadata().getName().equals(p.name)).findFirst())
        .orElse(null);
  }
}
