package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
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
    return "SERVICE [--force]";
  }

  @Override
  public String summary() {
    return "add kubervisor/traffic=yes to the Service's selector: kubervisor's decisions take effect";
  }

  @Override
  public String description() {
    return """
        Adds kubervisor/traffic=yes to the Service's selector, so that only the pods kubervisor keeps in traffic get
        any. Refuses while a pod the Service selects has no kubervisor/traffic label, because activating would cut it
        off: kubervisor labels every pod of a Service once its BreakerConfig is Ready. --force activates anyway.""";
  }

  @Override
  public List<Option> options() {
    return List.of(Option.FORCE);
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
    List<String> unlabelled = pods.stream().filter(p -> !TrafficLabels.hasTrafficLabel(p))
        .map(p -> p.getMetadata().getName()).sorted().toList();
    if (!unlabelled.isEmpty() && !invocation.has(Option.FORCE)) {
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

  private static String names(List<String> pods) {
    String named = String.join(", ", pods.subList(0, Math.min(NAMED, pods.size())));
    return pods.size() > NAMED ? named + " and " + (pods.size() - NAMED) + " more" : named;
  }
}
