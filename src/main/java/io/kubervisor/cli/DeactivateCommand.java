package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.cluster.TrafficLabels;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code deactivate SERVICE}: the Service stops selecting on the traffic label, so kubervisor no longer matters. */
@Command(name = "deactivate", customSynopsis = "SERVICE",
    header = "remove kubervisor/traffic from the Service's selector: every pod gets traffic again",
    description = "Removes kubervisor/traffic from the Service's selector, at once turning kubervisor's effect off:"
        + " every pod the Service selects gets traffic, whatever its label. kubervisor keeps evaluating and labelling;"
        + " activate brings its decisions back.")
final class DeactivateCommand implements Runnable {

  @ParentCommand
  RootCommand plugin;

  @Parameters(paramLabel = "SERVICE", description = "the Service")
  String name;

  @Override
  public void run() {
    Cluster cluster = plugin.cluster();
    Service service = cluster.service(name);
    Map<String, String> selector = service.getSpec().getSelector();
    if (selector == null || !selector.containsKey(TrafficLabels.TRAFFIC)) {
      plugin.out().println("service " + name + " does not select on " + TrafficLabels.TRAFFIC + "; nothing to do");
      return;
    }
    cluster.patchService(name, "{\"spec\":{\"selector\":{\"" + TrafficLabels.TRAFFIC + "\":null}}}");
    plugin.out().println("service " + name + " deactivated: it no longer selects on " + TrafficLabels.TRAFFIC
        + ", so every pod it selects gets traffic");
  }
}
