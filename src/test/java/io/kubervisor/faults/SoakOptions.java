package io.kubervisor.faults;

import io.kubervisor.api.v1alpha1.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long the soak runs and how hard it churns.
 *
 * @param duration how long the churn lasts, setup and wind-down aside
 * @param rolloutEvery how often the Deployment rolls out
 * @param podFaultEvery how often a random pod in traffic starts failing (one at a time)
 * @param podFaultLength how long it fails: its error ratio up, then down
 * @param prometheusRestartEvery how often Prometheus is stopped and started again
 * @param replicas the Deployment's replicas
 * @param seed of the random choice of the failing pods
 * @param jar the operator's jar
 */
record SoakOptions(Duration duration, Duration rolloutEvery, Duration podFaultEvery, Duration podFaultLength,
    Duration prometheusRestartEvery, int replicas, long seed, Path jar) {

  static final String USAGE = """
      usage: soak DURATION [--rollout-every 4m] [--pod-fault-every 30s] [--pod-fault-length 20s]
                           [--prometheus-restart-every 10m] [--replicas 10] [--seed N] [--jar target/kubervisor.jar]
      DURATION and the intervals are durations such as 90s, 10m or 1h.
      """;

  /** The CI smoke of {@code SoakIT}: 3 minutes in which every kind of churn happens at least twice. */
  static SoakOptions smoke() {
    return new SoakOptions(Duration.ofMinutes(3), Duration.ofSeconds(70), Duration.ofSeconds(20),
        Duration.ofSeconds(12), Duration.ofSeconds(80), 10, 1, Path.of("target/kubervisor.jar"));
  }

  static SoakOptions parse(String... args) {
    if (args.length == 0 || args[0].startsWith("-")) {
      throw new IllegalArgumentException("the duration comes first\n" + USAGE);
    }
    Map<String, String> values = new HashMap<>(Map.of("--rollout-every", "4m", "--pod-fault-every", "30s",
        "--pod-fault-length", "20s", "--prometheus-restart-every", "10m", "--replicas", "10",
        "--seed", String.valueOf(System.nanoTime()), "--jar", "target/kubervisor.jar"));
    for (int i = 1; i < args.length; i += 2) {
      if (!values.containsKey(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option, or one without its value: " + args[i] + "\n" + USAGE);
      }
      values.put(args[i], args[i + 1]);
    }
    return new SoakOptions(Durations.parse(args[0]), Durations.parse(values.get("--rollout-every")),
        Durations.parse(values.get("--pod-fault-every")), Durations.parse(values.get("--pod-fault-length")),
        Durations.parse(values.get("--prometheus-restart-every")), Integer.parseInt(values.get("--replicas")),
        Long.parseLong(values.get("--seed")), Path.of(values.get("--jar")));
  }
}
