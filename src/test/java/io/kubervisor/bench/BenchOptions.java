package io.kubervisor.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's command line: {@code [SIZES...] [--settle D] [--window D] [--faults N] [--services-per-namespace N]
 * [--breakerconfigs N] [--memory-limit Q] [--pinned] [--json PATH] [--out DIR] [--jar PATH]}.
 *
 * @param breakerConfigs null for one BreakerConfig per 20 pods at every size
 */
record BenchOptions(List<Integer> sizes, Duration settle, Duration window, int faults, int servicesPerNamespace,
    Integer breakerConfigs, String memoryLimit, boolean pinned, Path json, Path out, Path jar, boolean heapDump,
    boolean help) {

  static final List<Integer> DEFAULT_SIZES = List.of(1000, 2500);

  static final String USAGE = """
      Usage: src/bench/scale.sh [SIZES...] [options]

      For each size, starts a world of its own on loopback (a control plane with kwok nodes, Prometheus scraping a
      per-pod exporter, Services of 20 pods with one BreakerConfig each) and the operator's jar as the Helm chart runs
      it; measures it over a steady window with no fault, then makes pods bad and times their ejection. Prints a
      markdown table against the targets of the scale issue, writes JSON, SVG plots and, for the largest size, a JFR
      profile. docs/benchmarks.md explains the method.

        SIZES                       pods per run, multiples of 20 (default: 1000 2500)
        --settle DURATION           once every pod is judged, how long before the window: the JIT's work and
                                    the first status writes are start-up, not steady state (default 30s)
        --window DURATION           the steady window, e.g. 120s or 2m (default 120s)
        --faults N                  pods made bad after the window, one per Service at most (default 50)
        --services-per-namespace N  Services in each namespace (default 10)
        --breakerconfigs N          N Services and BreakerConfigs at every size, which then grow by their pods:
                                    the heap per additional cached pod alone (default: one per 20 pods)
        --memory-limit QUANTITY     the container's memory limit, e.g. 2Gi (default: the chart's)
        --pinned                    holds the operator to the chart's CPUs with taskset instead of a CFS quota:
                                    stricter, those CPUs are shared with the world and the others never used
        --json PATH                 where the JSON goes (default target/bench/scale-TIMESTAMP.json)
        --out DIR                   plots, profile and logs (default target/bench/scale-TIMESTAMP/)
        --jar PATH                  the operator's jar (default target/kubervisor.jar)
        --heap-dump                 also keeps a heap dump (HPROF, live objects) of each size after the full GC,
                                    to attribute what the class histogram cannot: 50 to 200 MB each
        -h, --help                  this help
      """;

  static BenchOptions parse(String... args) {
    List<Integer> sizes = new ArrayList<>();
    Duration settle = Duration.ofSeconds(30);
    Duration window = Duration.ofSeconds(120);
    int faults = 50;
    int servicesPerNamespace = 10;
    Integer breakerConfigs = null;
    String memoryLimit = null;
    boolean pinned = false;
    Path json = null;
    Path out = null;
    Path jar = Path.of("target/kubervisor.jar");
    boolean heapDump = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help" -> help = true;
        case "--settle" -> settle = duration(value(args, ++i, arg));
        case "--window" -> window = duration(value(args, ++i, arg));
        case "--faults" -> faults = positive(value(args, ++i, arg), arg);
        case "--services-per-namespace" -> servicesPerNamespace = positive(value(args, ++i, arg), arg);
        case "--breakerconfigs" -> breakerConfigs = positive(value(args, ++i, arg), arg);
        case "--memory-limit" -> memoryLimit = value(args, ++i, arg);
        case "--pinned" -> pinned = true;
        case "--json" -> json = Path.of(value(args, ++i, arg));
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--jar" -> jar = Path.of(value(args, ++i, arg));
        case "--heap-dump" -> heapDump = true;
        default -> {
          if (arg.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + arg + "; see --help");
          }
          sizes.add(positive(arg, "a size"));
        }
      }
    }
    int services = breakerConfigs != null ? breakerConfigs : FleetLayout.DEFAULT_PODS_PER_SERVICE;
    for (int size : sizes) {
      if (size % services != 0) {
        throw new IllegalArgumentException(breakerConfigs != null
            ? "a size must be a multiple of --breakerconfigs " + breakerConfigs + ", so that every Service has as"
                + " many pods: " + size + " is not"
            : "a size is a number of pods in Services of " + FleetLayout.DEFAULT_PODS_PER_SERVICE + ": " + size
                + " is not a multiple of " + FleetLayout.DEFAULT_PODS_PER_SERVICE);
      }
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return new BenchOptions(sizes.isEmpty() ? DEFAULT_SIZES : sizes.stream().sorted().distinct().toList(), settle,
        window, faults, servicesPerNamespace, breakerConfigs, memoryLimit, pinned,
        json != null ? json : Path.of("target/bench/scale-" + stamp + ".json"),
        out != null ? out : Path.of("target/bench/scale-" + stamp), jar, heapDump, help);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value; see --help");
    }
    return args[index];
  }

  private static int positive(String text, String what) {
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException(what + " must be a positive whole number: " + text);
  }

  /** {@code 90}, {@code 90s} or {@code 2m}. */
  static Duration duration(String text) {
    try {
      boolean minutes = text.endsWith("m");
      long amount = Long.parseLong(minutes || text.endsWith("s") ? text.substring(0, text.length() - 1) : text);
      if (amount > 0) {
        return minutes ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException("not a duration such as 120s or 2m: " + text);
  }
}
