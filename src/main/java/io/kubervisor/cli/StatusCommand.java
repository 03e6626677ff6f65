package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.cluster.ServicePods;
import java.util.List;
import java.util.Optional;

/** {@code status [NAME] [-n NS | -A]}. */
final class StatusCommand implements Command {

  @Override
  public String name() {
    return "status";
  }

  @Override
  public String synopsis() {
    return "[NAME] [-n NS | -A]";
  }

  @Override
  public String summary() {
    return "the BreakerConfigs and the health of their Services; with NAME, every pod too";
  }

  @Override
  public String description() {
    return """
        Without NAME: a line per BreakerConfig of the namespace (every namespace with -A): its Service, its mode, how
        many pods it manages and how many are in traffic, broken and paused, and its conditions (Ready, and any other
        that is not healthy).

        With NAME: that line, then every pod its Service selects with its traffic state, the breaker that took it
        out, why (the detector's reason and value), its retry count and when the activator acts on it next; then the
        activator's notes, unhealthy conditions, the last evaluation of each breaker and, in DryRun, the would-be
        ejections.""";
  }

  @Override
  public List<Option> options() {
    return List.of(Option.ALL_NAMESPACES);
  }

  @Override
  public void run(Invocation invocation) {
    Optional<String> name = invocation.optionalArgument("NAME");
    boolean all = invocation.has(Option.ALL_NAMESPACES);
    if (name.isPresent() && all) {
      throw new UsageException("status NAME cannot take -A: a BreakerConfig is in one namespace; give it with -n");
    }
    Cluster cluster = invocation.cluster();
    if (name.isEmpty()) {
      List<BreakerConfig> configs = cluster.breakerConfigs(all);
      if (configs.isEmpty()) {
        invocation.out().println("No BreakerConfigs in " + (all ? "any namespace" : "namespace "
            + cluster.namespace()) + ".");
      } else {
        invocation.out().print(StatusReport.breakerConfigs(configs, all));
      }
      return;
    }
    BreakerConfig config = cluster.breakerConfig(name.get());
    invocation.out().print(StatusReport.breakerConfigs(List.of(config), false));
    invocation.out().println();
    String serviceName = config.getSpec().service;
    Optional<Service> service = cluster.findService(serviceName);
    if (service.isEmpty()) {
      invocation.out().println("Service " + serviceName + " not found in namespace " + cluster.namespace()
          + ": no pods to show.");
    } else {
      List<Pod> pods = ServicePods.selected(service.get(), cluster.pods(ServicePods.selector(service.get())));
      invocation.out().print(StatusReport.pods(pods, config.getStatus(), invocation.now()));
    }
    List<String> details = StatusReport.details(config.getStatus(), invocation.now());
    if (!details.isEmpty()) {
      invocation.out().println();
      details.forEach(invocation.out()::println);
    }
  }
}
