package io.kubervisor.cli;

import java.util.List;
import java.util.Optional;

/**
 * A flag of the command line: {@code --name VALUE}, {@code --name=VALUE}, {@code -s VALUE} or {@code -sVALUE} when it
 * takes a value, {@code --name} or {@code -s} when it does not.
 *
 * @param shortName one letter, or null
 */
record Option(String name, String shortName, String valueName, String help) {

  static final Option NAMESPACE = new Option("namespace", "n", "NS",
      "the namespace (default: the kubeconfig context's)");
  static final Option KUBECONFIG = new Option("kubeconfig", null, "FILE",
      "the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)");
  static final Option CONTEXT = new Option("context", null, "NAME",
      "the kubeconfig context (default: its current one)");
  static final Option HELP = new Option("help", "h", null, "this help");
  static final Option ALL_NAMESPACES = new Option("all-namespaces", "A", null, "every namespace");
  static final Option FORCE = new Option("force", null, null,
      "activate even if some pods or pod templates lack kubervisor/traffic=yes, or no BreakerConfig supervises the"
          + " Service");
  static final Option PATCH_TEMPLATE = new Option("patch-template", null, null,
      "add kubervisor/traffic=yes to the pod templates of the Service's workloads (starts a rollout of each)");

  /** Accepted by every command. */
  static final List<Option> GLOBAL = List.of(NAMESPACE, KUBECONFIG, CONTEXT, HELP);
  /** Every option any command knows, so that flags may come before the command. */
  static final List<Option> ALL = List.of(NAMESPACE, KUBECONFIG, CONTEXT, HELP, ALL_NAMESPACES, FORCE,
      PATCH_TEMPLATE);

  boolean takesValue() {
    return valueName != null;
  }

  static Optional<Option> byLongName(String name) {
    return ALL.stream().filter(o -> o.name.equals(name)).findFirst();
  }

  static Optional<Option> byShortName(String name) {
    return ALL.stream().filter(o -> name.equals(o.shortName)).findFirst();
  }

  /** As help shows it: {@code -n, --namespace NS}. */
  String synopsis() {
    return (shortName == null ? "    " : "-" + shortName + ", ") + "--" + name
        + (takesValue() ? " " + valueName : "");
  }
}
