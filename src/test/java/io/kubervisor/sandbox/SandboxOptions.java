package io.kubervisor.sandbox;

import java.nio.file.Path;

/** The sandbox's command line: {@code [--scenario FILE] [--keep] [--help]}. */
record SandboxOptions(Path scenario, boolean keep, boolean help) {

  static final String USAGE = """
      Usage: deploy/sandbox/run.sh [--scenario FILE] [--keep]

      Starts a local control plane, Prometheus, a fleet of pods behind a Service, a fleet simulator sending them
      requests, a BreakerConfig and the kubervisor operator; plays a scenario live, prints a summary of what clients
      saw, and stops everything.

        --scenario FILE   the scenario to play (default: deploy/sandbox/scenarios/default.yaml); the others are in
                          deploy/sandbox/scenarios/
        --keep            leave everything running after the summary and print the kubeconfig, to look around with
                          kubectl; Ctrl-C stops it
        -h, --help        this help
      """;

  static SandboxOptions parse(String... args) {
    Path scenario = Scenario.DEFAULT;
    boolean keep = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ("--keep".equals(arg)) {
        keep = true;
      } else if ("--help".equals(arg) || "-h".equals(arg)) {
        help = true;
      } else if (arg.startsWith("--scenario=")) {
        scenario = Path.of(arg.substring("--scenario=".length()));
      } else if ("--scenario".equals(arg)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--scenario needs a FILE, such as deploy/sandbox/scenarios/outage.yaml");
        }
        scenario = Path.of(args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + arg + "; see --help");
      }
    }
    return new SandboxOptions(scenario, keep, help);
  }
}
