package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.TrafficLabels;

/** {@code resume POD}: asks kubervisor to bring a paused pod back, by the annotation it watches for. */
final class ResumeCommand implements Command {

  @Override
  public String name() {
    return "resume";
  }

  @Override
  public String synopsis() {
    return "POD";
  }

  @Override
  public String summary() {
    return "bring a paused pod back to traffic, with a clean record";
  }

  @Override
  public String description() {
    return """
        Annotates the paused pod POD with kubervisor.io/resume=true. kubervisor returns it to traffic at its next
        activator tick (about a second), with its retry count and annotations cleared. Only a paused pod
        (kubervisor/traffic=pause) can be resumed: a broken one is retried by kubervisor itself.""";
  }

  @Override
  public void run(Invocation invocation) {
    String name = invocation.argument("POD");
    Cluster cluster = invocation.cluster();
    Pod pod = cluster.pod(name);
    State state = TrafficLabels.state(pod);
    switch (state) {
      case Paused -> {
        cluster.patchPod(name, "{\"metadata\":{\"annotations\":{\"" + TrafficLabels.RESUME + "\":\"true\"}}}");
        invocation.out().println("pod " + name + ": resume requested; kubervisor returns it to traffic within a"
            + " second or two");
      }
      case Broken -> throw new CliException("pod " + name + " is broken, not paused: kubervisor retries it by itself;"
          + " see when with: kubectl kubervisor explain " + name + " -n " + cluster.namespace());
      case InTraffic -> throw new CliException("pod " + name + " is in traffic, not paused; there is nothing to"
          + " resume");
      default -> throw new CliException("pod " + name + " has no " + TrafficLabels.TRAFFIC + " label that"
          + " kubervisor knows, so kubervisor does not manage it; there is nothing to resume");
    }
  }
}
