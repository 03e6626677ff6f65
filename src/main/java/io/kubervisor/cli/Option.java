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

  static final Option FILENAME = new Option("filename", "f", "FILE",
      "the BreakerConfig to replay, from a YAML or JSON file, instead of NAME from the cluster");
  static final Option SINCE = new Option("since", null, "DURATION",
      "replay the last DURATION, such as 30m or 6h (default 1h)");
  static final Option FROM = new Option("from", null, "TIME",
      "replay from this RFC 3339 time, such as 2026-12-01T10:00:00Z");
  static final Option TO = new Option("to", null, "TIME", "replay until this RFC 3339 time (default: now)");
  static final Option STEP = new Option("step", null, "DURATION",
      "the time between replayed instants (default: the shortest evaluationPeriod of the breakers)");
  static final Option COMPARE = new Option("compare", null, "FILE2",
      "also replay the BreakerConfig of FILE2 on the same history, and show what they decided differently");
  static final Option OUTPUT = new Option("output", "o", "FORMAT",
      "text (default: a summary and a timeline), json (every decision) or html (a report with charts)");
  static final Option PROMETHEUS = new Option("prometheus", null, "URL",
      "ask this Prometheus instead of the breakers' prometheusService, such as a kubectl port-forward");

  /** Accepted by every command. */
  static final List<Option> GLOBAL = List.of(NAMESPACE, KUBECONFIG, CONTEXT, HELP);
  /** Every option any command knows, so that flags may come before the command. */
  static final List<Option> ALL = List.of(NAMESPACE, KUBECONFIG, CONTEXT, HELP, ALL_NAMESPACES, FORCE,
      PATCH_TEMPLATE, FILENAME, SINCE, FROM, TO, STEP, COMPARE, OUTPUT, PROMETHEUS);

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
