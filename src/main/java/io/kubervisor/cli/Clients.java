package io.kubervisor.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;

/** The client of the cluster the command line names, as kubectl would pick it: --kubeconfig, --context, $KUBECONFIG. */
final class Clients {

  /** A command answers or fails within seconds; the default retries for about a minute against a dead server. */
  private static final int TIMEOUT_MILLIS = 10_000;

  private Clients() {}

  static KubernetesClient connect(ClusterFlags flags) {
    String context = flags.context();
    String kubeconfig = flags.kubeconfig();
    Config config;
    try {
      if (kubeconfig != null) {
        File file = new File(kubeconfig);
        if (!file.isFile()) {
          throw new CliException("kubeconfig " + kubeconfig + " does not exist; pass the path of a kubeconfig file");
        }
        config = Config.fromKubeconfig(context, file);
      } else {
        config = Config.autoConfigure(context);
      }
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new CliException("cannot read the kubeconfig" + (kubeconfig == null ? "" : " " + kubeconfig) + ": "
          + e.getMessage() + "; check the file and the --context name", e);
    }
    if (context != null && config.getContexts().stream().noneMatch(c -> context.equals(c.getName()))) {
      throw new CliException("context " + context + " is not in the kubeconfig" + (kubeconfig == null ? ""
          : " " + kubeconfig) + "; list its contexts with: kubectl config get-contexts");
    }
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(TIMEOUT_MILLIS);
    config.setRequestTimeout(TIMEOUT_MILLIS);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The namespace the command acts in: -n, else the kubeconfig context's, else default. */
  static String namespace(ClusterFlags flags, KubernetesClient client) {
    String namespace = flags.namespace();
    if (namespace == null) {
      namespace = client.getNamespace();
    }
    return namespace == null ? "default" : namespace;
  }
}
