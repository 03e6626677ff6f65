package io.kubervisor.bench.quality;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code [--scenario NAME[,NAME]] [--policies P,P] [--seed N] [--out DIR] [--jar PATH]
 * [--merge DIR]}.
 */
record QualityOptions(List<QualityScenario> scenarios, List<String> policies, long seed, Path out, Path jar,
    Path merge, boolean help) {

  static final List<String> POLICIES = List.of("none", "nginx", "haproxy", "envoy-outlier", "kubervisor");

  static final String USAGE = """
      Usage: src/bench/quality.sh [--scenario NAME[,NAME...]] [--policies P[,P...]] [--seed N] [--out DIR]

      Plays each scenario once per policy on the same fault trace (seed, per-pod behaviour over time, request
      stream), the pods real HTTP and gRPC servers on loopback; measures what the clients saw and which pods each
      policy isolated; prints a markdown table per scenario and the targets' verdicts, writes JSON and one SVG plot
      per scenario. docs/benchmarks.md ("Decision quality") explains the method.

        --scenario NAMES   one-pod-50, two-pods-20, slow-pod, fleet-wide-60, flapping, three-pods, slow-leak,
                           warm-up (default: all)
        --policies NAMES   none, nginx, haproxy, envoy-outlier, kubervisor (default: all)
        --seed N           the trace's seed (default 1)
        --out DIR          quality.json, quality.md, the plots and the policies' logs
                           (default target/bench/quality-TIMESTAMP/)
        --jar PATH         the operator's jar (default target/kubervisor.jar)
        --merge DIR        an earlier run's --out: its report with this run's rows in place of its own (to replay a
                           row that failed), the targets judged again on the whole
        -h, --help         this help
      """;

  static QualityOptions parse(String... args) {
    List<QualityScenario> scenarios = new ArrayList<>();
    List<String> policies = new ArrayList<>();
    long seed = 1;
    Path out = null;
    Path jar = Path.of("target/kubervisor.jar");
    Path merge = null;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help" -> help = true;
        case "--scenario" -> {
          for (String name : value(args, ++i, arg).split(",")) {
            scenarios.add(Scenarios.named(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                "no scenario " + name + "; see --help")));
          }
        }
        case "--policies" -> {
          for (String name : value(args, ++i, arg).split(",")) {
            if (!POLICIES.contains(name.strip())) {
              throw new IllegalArgumentException("no policy " + name + "; the policies are " + POLICIES);
            }
            policies.add(name.strip());
          }
        }
        case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--jar" -> jar = Path.of(value(args, ++i, arg));
        case "--merge" -> merge = Path.of(value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown argument " + arg + "; see --help");
      }
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return new QualityOptions(scenarios.isEmpty() ? Scenarios.ALL : List.copyOf(scenarios),
        POLICIES.stream().filter(p -> policies.isEmpty() || policies.contains(p)).toList(), seed,
        out != null ? out : Path.of("target/bench/quality-" + stamp), jar, merge, help);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value; see --help");
    }
    return args[index];
  }
}
