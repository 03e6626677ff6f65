package io.kubervisor.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns a failed API call into one line that says what failed, why, and what to do about it. */
public final class ApiErrors {

  private ApiErrors() {}

  /**
   * @param action what was attempted, as in "list BreakerConfigs in namespace shop"
   * @param server the API server's URL
   */
  public static CliException explain(KubernetesClientException e, String action, String server) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : rootMessage(e);
    // No HTTP answer at all (refused, unknown host, TLS) has no status code.
    int code = Math.max(e.getCode(), 0);
    return new CliException(switch (code) {
      case 0 -> "cannot reach the Kubernetes API at " + server + " to " + action + ": " + message
          + "; check that the cluster is up and that your kubeconfig (--kubeconfig, --context, $KUBECONFIG)"
          + " points to it";
      case 401 -> "the API server at " + server + " refused your credentials (401 Unauthorized) to " + action
          + "; renew them in your kubeconfig";
      case 403 -> "not allowed to " + action + ": " + message + "; ask a cluster admin for that RBAC permission";
      case 409 -> "could not " + action + ": it changed meanwhile (" + message + "); run the command again";
      case 422 -> "the API server rejected the request to " + action + ": " + message;
      default -> "could not " + action + ": HTTP " + e.getCode() + " " + message;
    }, e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
