package io.kubervisor.cli;

import io.kubervisor.cli.dashboard.Dashboard;
import io.kubervisor.cli.dashboard.Scope;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dashboard [-n NS | -A] [--port 3100] [--open]}: a live web view, on this machine only, until Ctrl-C. */
@Command(name = "dashboard", customSynopsis = "[-n NS | -A] [--port 3100] [--open]",
    header = "a live web view of the BreakerConfigs and their pods, with actions, at http://127.0.0.1:3100/",
    description = {"Serves a web page on 127.0.0.1 (this machine only) that shows every BreakerConfig of the namespace"
        + " (every namespace with -A): its mode, conditions, pods managed, in traffic, broken and paused, and the"
        + " floor; and for one BreakerConfig its pods by state with the reason, value, threshold, retries and next"
        + " retry, each breaker's KPI per pod over the last 15 minutes from its Prometheus (through the API server's"
        + " service proxy), kubervisor's decisions from Events, and the buttons of enable, dry-run, disable and resume,"
        + " each asking for a confirmation.", "",
        "It watches the cluster with your kubeconfig and updates the page as things change, without reloading; the"
            + " buttons act with your kubeconfig too, so RBAC decides what they may do. It runs until Ctrl-C."})
final class DashboardCommand implements Runnable {

  @ParentCommand
  RootCommand plugin;

  @Option(names = {"-A", "--all-namespaces"}, description = "every namespace")
  boolean allNamespaces;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "3100",
      description = "the port on 127.0.0.1 (default 3100)")
  int port;

  @Option(names = "--open", description = "open the dashboard in the desktop's browser")
  boolean open;

  @Override
  public void run() {
    Cluster cluster = plugin.cluster();
    Scope scope = Scope.of(cluster.namespace(), allNamespaces);
    try (Dashboard dashboard = Dashboard.start(cluster.client(), scope, port)) {
      plugin.out().println("kubervisor dashboard of " + scope + " at " + dashboard.url() + " (Ctrl-C stops it)");
      if (open) {
        openBrowser(dashboard.url());
      }
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The desktop's own opener; when there is none, the address printed above is the way in. */
  private void openBrowser(String url) {
    String opener = System.getProperty("os.name").startsWith("Mac") ? "open" : "xdg-open";
    try {
      new ProcessBuilder(opener, url).inheritIO().start();
    } catch (IOException e) {
      plugin.err().println("warning: could not open a browser (" + opener + ": " + e.getMessage() + "); open "
          + url + " yourself");
    }
  }
}
