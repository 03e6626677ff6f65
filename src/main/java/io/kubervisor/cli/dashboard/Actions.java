package io.kubervisor.cli.dashboard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.cli.CliException;
import io.kubervisor.cli.Cluster;
import io.kubervisor.cli.Steering;

/**
 * The dashboard's buttons, done by the code of the plugin's verbs ({@link Steering}), with the user's kubeconfig: a
 * refusal is the verb's line, in which the API server's own words stand.
 */
final class Actions {

  /**
   * What a page asks for.
   *
   * @param action enable, dry-run, disable or resume
   * @param name the BreakerConfig, for a mode
   * @param pod the paused pod, for resume
   */
  record Request(String action, String namespace, String name, String pod) {}

  private Actions() {}

  /** Does it; the line the verb prints. */
  static String run(KubernetesClient client, Scope scope, Request request) {
    if (request.namespace() == null || !scope.contains(request.namespace())) {
      throw new CliException("namespace " + request.namespace() + " is not in this dashboard's scope (" + scope + ")");
    }
    // The client is the dashboard's, shared: this Cluster is never closed.
    Cluster cluster = new Cluster(client, request.namespace());
    return switch (String.valueOf(request.action())) {
      case "enable" -> Steering.setMode(cluster, required(request.name(), "name"), Mode.Enabled);
      case "dry-run" -> Steering.setMode(cluster, required(request.name(), "name"), Mode.DryRun);
      case "disable" -> Steering.setMode(cluster, required(request.name(), "name"), Mode.Disabled);
      case "resume" -> Steering.resume(cluster, required(request.pod(), "pod"));
      default -> throw new CliException("unknown action " + request.action() + "; the actions are enable, dry-run,"
          + " disable and resume");
    };
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new CliException("the request names no " + field);
    }
    return value;
  }
}
