package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code activate SERVICE}: the Service starts selecting on {@code kubervisor/traffic=yes}. */
@Command(name = "activate", customSynopsis = "SERVICE [--patch-template] [--force]",
    header = "add kubervisor/traffic=yes to the Service's selector: kubervisor's decisions take effect",
    description = {"Adds kubervisor/traffic=yes to the Service's selector, so that only the pods kubervisor keeps in"
        + " traffic get any. Refuses, with the reason, while:",
        "  - no BreakerConfig supervises the Service;",
        "  - a workload of the Service (Deployment, StatefulSet, DaemonSet, ReplicaSet) lacks kubervisor/traffic: \"yes\""
            + " in its pod template: its new pods would wait for kubervisor to join traffic, and get none while it is"
            + " down. --patch-template adds the label to those templates, which starts a rollout of each;",
        "  - a pod the Service selects has no kubervisor/traffic label, because activating would cut it off:"
            + " kubervisor labels every pod of a Service once its BreakerConfig is Ready.",
        "--force activates anyway."})
final class ActivateCommand implements Runnable {

  /** How many unlabelled pods the refusal names. */
  private static final int NAMED = 3;

  @ParentCommand
  RootCommand plugin;

  @Parameters(paramLabel = "SERVICE", description = "the Service")
  String name;

  @Option(names = "--patch-template", description = "add kubervisor/traffic=yes to the pod templates of the Service's"
      + " workloads (starts a rollout of each)")
  boolean patchTemplate;

  @Option(names = "--force", description = "activate even if some pods or pod templates lack kubervisor/traffic=yes,"
      + " or no BreakerConfig supervises the Service")
  boolean force;

  @Override
  public void run() {
    Cluster cluster = plugin.cluster();
    Service service = cluster.service(name);
    Map<String, String> selector = service.getSpec().getSelector();
    if (selector != null && TrafficLabels.YES.equals(selector.get(TrafficLabels.TRAFFIC))) {
      plugin.out().println("service " + name + " already selects " + TrafficLabels.TRAFFIC + "="
          + TrafficLabels.YES + "; nothing to do");
      return;
    }
    Map<String, String> own = ServicePods.selector(service);
    if (own.isEmpty()) {
      throw new CliException("service " + name + " has no selector of its own, so kubervisor has no pods to steer;"
          + " give it a selector first");
    }
    List<Pod> pods = ServicePods.selected(service, cluster.pods(own));
    if (!force && cluster.breakerConfigs(false).stream().noneMatch(c -> name.equals(c.getSpec().service))) {
      throw new CliException("no BreakerConfig supervises service " + name + " in namespace " + cluster.namespace()
          + ", so nothing would keep its pods' traffic labels; create one first (see deploy/examples/), or pass"
          + " --force");
    }
    bornInTraffic(Workloads.of(pods, cluster), cluster);
    List<String> unlabelled = pods.stream().filter(p -> !TrafficLabels.hasTrafficLabel(p))
        .map(p -> p.getMetadata().getName()).sorted().toList();
    if (!unlabelled.isEmpty() && !force) {
      throw new CliException(unlabelled.size() + " of the " + pods.size() + " pods of service " + name
          + " have no " + TrafficLabels.TRAFFIC + " label (" + names(unlabelled) + "), so activating would cut them"
          + " off; wait until kubervisor labels them (check its BreakerConfig: kubectl kubervisor status -n "
          + cluster.namespace() + ") or pass --force");
    }
    cluster.patchService(name, "{\"spec\":{\"selector\":{\"" + TrafficLabels.TRAFFIC + "\":\"" + TrafficLabels.YES
        + "\"}}}");
    long inTraffic = pods.stream().filter(p -> TrafficLabels.YES.equals(p.getMetadata().getLabels()
        .get(TrafficLabels.TRAFFIC))).count();
    plugin.out().println("service " + name + " activated: it selects " + TrafficLabels.TRAFFIC + "="
        + TrafficLabels.YES + "; " + inTraffic + " of its " + pods.size() + " pods are in traffic");
  }

  /** Workloads whose pods are not born in traffic: their templates patched if asked, else a refusal. */
  private void bornInTraffic(Collection<HasMetadata> workloads, Cluster cluster) {
    List<HasMetadata> unlabelled = workloads.stream().filter(w -> !Workloads.bornInTraffic(w)).toList();
    if (unlabelled.isEmpty()) {
      return;
    }
    if (patchTemplate) {
      for (HasMetadata workload : unlabelled) {
        plugin.out().println(Workloads.describe(workload) + ": adding " + TrafficLabels.TRAFFIC + "="
            + TrafficLabels.YES + " to its pod template; this starts a rollout of " + Workloads.describe(workload));
        cluster.patchWorkload(workload, Workloads.templatePatch());
      }
      return;
    }
    if (!force) {
      throw new CliException(names(unlabelled.stream().map(Workloads::describe).toList()) + ": the pod template"
          + " lacks " + TrafficLabels.TRAFFIC + ": \"" + TrafficLabels.YES + "\", so new pods would get no traffic"
          + " while kubervisor is down; add it with --patch-template (this starts a rollout), or pass --force");
    }
  }

  private static String names(List<String> pods) {
    String named = String.join(", ", pods.subList(0, Math.min(NAMED, pods.size())));
    return pods.size() > NAMED ? named + " and " + (pods.size() - NAMED) + " more" : named;
  }
}
