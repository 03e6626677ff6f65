package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.cluster.ServicePods;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code status [NAME] [-n NS | -A]}. */
@Command(name = "status", customSynopsis = "[NAME] [-n NS | -A]",
    header = "the BreakerConfigs and the health of their Services; with NAME, every pod too",
    description = {"Without NAME: a line per BreakerConfig of the namespace (every namespace with -A): its Service, its"
        + " mode, how many pods it manages and how many are in traffic, broken and paused, and its conditions (Ready,"
        + " and any other that is not healthy).", "",
        "With NAME: that line, then every pod its Service selects with its traffic state, the breaker that took it out,"
            + " why (the detector's reason and value), its retry count and when the activator acts on it next; then the"
            + " activator's notes, unhealthy conditions, the last evaluation of each breaker and, in DryRun, the would-be"
            + " ejections."})
final class StatusCommand implements Runnable {

  @ParentCommand
  RootCommand plugin;

  @Parameters(paramLabel = "NAME", arity = "0..1", description = "the BreakerConfig")
  String name;

  @Option(names = {"-A", "--all-namespaces"}, description = "every namespace")
  boolean allNamespaces;

  @Override
  public void run() {
    if (name != null && allNamespaces) {
      throw new UsageException("status NAME cannot take -A: a BreakerConfig is in one namespace; give it with -n");
    }
    Cluster cluster = plugin.cluster();
    if (name == null) {
      List<BreakerConfig> configs = cluster.breakerConfigs(allNamespaces);
      if (configs.isEmpty()) {
        plugin.out().println("No BreakerConfigs in " + (allNamespaces ? "any namespace" : "namespace "
            + cluster.namespace()) + ".");
      } else {
        plugin.out().print(StatusReport.breakerConfigs(configs, allNamespaces));
      }
      return;
    }
    BreakerConfig config = cluster.breakerConfig(name);
    plugin.out().print(StatusReport.breakerConfigs(List.of(config), false));
    plugin.out().println();
    String serviceName = config.getSpec().service;
    Optional<Service> service = cluster.findService(serviceName);
    if (service.isEmpty()) {
      plugin.out().println("Service " + serviceName + " not found in namespace " + cluster.namespace()
          + ": no pods to show.");
    } else {
      List<Pod> pods = ServicePods.selected(service.get(), cluster.pods(ServicePods.selector(service.get())));
      plugin.out().print(StatusReport.pods(pods, config.getStatus(), plugin.now()));
    }
    List<String> details = StatusReport.details(config.getStatus(), plugin.now());
    if (!details.isEmpty()) {
      plugin.out().println();
      details.forEach(plugin.out()::println);
    }
  }
}
