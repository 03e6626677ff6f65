package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.cluster.TrafficLabels;
import java.util.Map;

/** {@code deactivate SERVICE}: the Service stops selecting on the traffic label, so kubervisor no longer matters. */
final class DeactivateCommand implements Command {

  @Override
  public String name() {
    return "deactivate";
  }

  @Override
  public String synopsis() {
    return "SERVICE";
  }

  @Override
  public String summary() {
    return "remove kubervisor/traffic from the Service's selector: every pod gets traffic again";
  }

  @Override
  public String description() {
    return """
        Removes kubervisor/traffic from the Service's selector, at once turning kubervisor's effect off: every pod
        the Service selects gets traffic, whatever its label. kubervisor keeps evaluating and labelling; activate
        brings its decisions back.""";
  }

  @Override
  public void run(Invocation invocation) {
    String name = invocation.argument("SERVICE");
    Cluster cluster = invocation.cluster();
    Service service = cluster.service(name);
    Map<String, String> selector = service.getSpec().getSelector();
    if (selector == null || !selector.containsKey(TrafficLabels.TRAFFIC)) {
      invocation.out().println("service " + name + " does not select on " + TrafficLabels.TRAFFIC + "; nothing to do");
      return;
    }
    cluster.patchService(name, "{\"spec\":{\"selector\":{\"" + TrafficLabels.TRAFFIC + "\":null}}}");
    invocation.out().println("service " + name + " deactivated: it no longer selects on " + TrafficLabels.TRAFFIC
        + ", so every pod it selects gets traffic");
  }
}
