package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** {@code activate SERVICE}: the Service starts selecting on {@code kubervisor/traffic=yes}. */
final class ActivateCommand implements Command {

  /** How many unlabelled pods the refusal names. */
  private static final int NAMED = 3;

  @Override
  public String name() {
    return "activate";
  }

  @Override
  public String synopsis() {
    return "SERVICE [--patch-template] [--force]";
  }

  @Override
  public String summary() {
    return "add kubervisor/traffic=yes to the Service's selector: kubervisor's decisions take effect";
  }

  @Override
  public String description() {
    return """
        Adds kubervisor/traffic=yes to the Service's selector, so that only the pods kubervisor keeps in traffic get
        any. Refuses, with the reason, while:
          - no BreakerConfig supervises the Service;
          - a workload of the Service (Deployment, StatefulSet, DaemonSet, ReplicaSet) lacks kubervisor/traffic: "yes"
            in its pod template: its new pods would wait for kubervisor to join traffic, and get none while it is
            down. --patch-template adds the label to those templates, which starts a rollout of each;
          - a pod the Service selects has no kubervisor/traffic label, because activating would cut it off:
            kubervisor labels every pod of a Service once its BreakerConfig is Ready.
        --force activates anyway.""";
  }

  @Override
  public List<Option> options() {
    return List.of(Option.PATCH_TEMPLATE, Option.FORCE);
  }

  @Override
  public void run(Invocation invocation) {
    String name = invocation.argument("SERVICE");
    Cluster cluster = invocation.cluster();
    Service service = cluster.service(name);
    Map<String, String> selector = service.getSpec().getSelector();
    if (selector != null && TrafficLabels.YES.equals(selector.get(TrafficLabels.TRAFFIC))) {
      invocation.out().println("service " + name + " already selects " + TrafficLabels.TRAFFIC + "="
          + TrafficLabels.YES + "; nothing to do");
      return;
    }
    Map<String, String> own = ServicePods.selector(service);
    if (own.isEmpty()) {
      throw new CliException("service " + name + " has no selector of its own, so kubervisor has no pods to steer;"
          + " give it a selector first");
    }
    List<Pod> pods = ServicePods.selected(service, cluster.pods(own));
    boolean force = invocation.has(Option.FORCE);
    if (!force && cluster.breakerConfigs(false).stream().noneMatch(c -> name.equals(c.getSpec().service))) {
      throw new CliException("no BreakerConfig supervises service " + name + " in namespace " + cluster.namespace()
          + ", so nothing would keep its pods' traffic labels; create one first (see deploy/examples/), or pass"
          + " --force");
    }
    bornInTraffic(Workloads.of(pods, cluster), invocation, force);
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
    invocation.out().println("service " + name + " activated: it selects " + TrafficLabels.TRAFFIC + "="
        + TrafficLabels.YES + "; " + inTraffic + " of its " + pods.size() + " pods are in traffic");
  }

  /** Workloads whose pods are not born in traffic: their templates patched if asked, else a refusal. */
  private static void bornInTraffic(Collection<HasMetadata> workloads, Invocation invocation, boolean force) {
    List<HasMetadata> unlabelled = workloads.stream().filter(w -> !Workloads.bornInTraffic(w)).toList();
    if (unlabelled.isEmpty()) {
      return;
    }
    if (invocation.has(Option.PATCH_TEMPLATE)) {
      for (HasMetadata workload : unlabelled) {
        invocation.out().println(Workloads.describe(workload) + ": adding " + TrafficLabels.TRAFFIC + "="
            + TrafficLabels.YES + " to its pod template; this starts a rollout of " + Workloads.describe(workload));
        invocation.cluster().patchWorkload(workload, Workloads.templatePatch());
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
