package io.kubervisor.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How the operator is held to the chart's CPU limit. The kubelet enforces {@code limits.cpu} as a CFS quota: so many
 * CPU-microseconds per 100 ms period, on whichever CPUs are free. The benchmark does the same with a cgroup of its own
 * when it may create one (root, a cgroup v1 {@code cpu} hierarchy or cgroup v2), and otherwise pins the operator to as
 * many CPUs with {@code taskset}, which is stricter: those CPUs are shared with the control plane and Prometheus, and the
 * others are never used, even idle.
 *
 * @param kind {@code cfs-quota}, {@code taskset} or {@code none}
 * @param description what holds the operator, for the report
 * @param launcher the command that runs the JVM's command line and becomes it (same process id); empty for none
 * @param cgroup the cgroup directory made for the run, removed by {@link #release()}; null without one
 */
record CpuLimit(String kind, String description, List<String> launcher, @JsonIgnore Path cgroup) {

  static final long PERIOD_MICROS = 100_000;
  private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

  /** A quota of {@code cpus} when a cgroup can be made, else {@code taskset}, else nothing. */
  static CpuLimit of(int cpus) {
    Path name = Path.of("kubervisor-bench-" + ProcessHandle.current().pid());
    try {
      if (Files.isRegularFile(CGROUP_ROOT.resolve("cpu/cpu.cfs_quota_us"))) {
        Path dir = Files.createDirectories(CGROUP_ROOT.resolve("cpu").resolve(name));
        Files.writeString(dir.resolve("cpu.cfs_period_us"), String.valueOf(PERIOD_MICROS));
        Files.writeString(dir.resolve("cpu.cfs_quota_us"), String.valueOf(cpus * PERIOD_MICROS));
        return quota(cpus, dir);
      }
      if (Files.readString(CGROUP_ROOT.resolve("cgroup.controllers")).contains("cpu")) {
        Files.writeString(CGROUP_ROOT.resolve("cgroup.subtree_control"), "+cpu");
        Path dir = Files.createDirectories(CGROUP_ROOT.resolve(name));
        Files.writeString(dir.resolve("cpu.max"), cpus * PERIOD_MICROS + " " + PERIOD_MICROS);
        return quota(cpus, dir);
      }
    } catch (IOException | SecurityException noCgroupOfOurOwn) {
      // not root, or no cpu controller: pinned instead
    }
    return pinned(cpus);
  }

  /** Pinned to the machine's last {@code cpus} CPUs with {@code taskset}, else nothing. */
  static CpuLimit pinned(int cpus) {
    int machineCpus = Runtime.getRuntime().availableProcessors();
    if (onPath("taskset") && machineCpus > cpus) {
      String pinned = IntStream.range(machineCpus - cpus, machineCpus).mapToObj(String::valueOf)
          .collect(Collectors.joining(","));
      return new CpuLimit("taskset", "pinned to CPU " + pinned + " with taskset", List.of("taskset", "-c", pinned),
          null);
    }
    return new CpuLimit("none", "not limited (no cgroup, no taskset, or no more CPUs than the limit)", List.of(),
        null);
  }

  private static CpuLimit quota(int cpus, Path dir) {
    // The shell joins the cgroup, then becomes the JVM: every thread the JVM starts is in it from the first.
    List<String> launcher = List.of("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
        dir.resolve("cgroup.procs").toString());
    CpuLimit limit = new CpuLimit("cfs-quota", "CFS quota of " + cpus + " CPU (" + cpus * PERIOD_MICROS + " µs per "
        + PERIOD_MICROS + " µs, " + dir + ")", launcher, dir);
    // Also when the benchmark is interrupted, or a caller never releases it.
    Runtime.getRuntime().addShutdownHook(new Thread(limit::release, "cpu-limit-release"));
    return limit;
  }

  /** Removes the cgroup once no process is left in it; a no-op otherwise. */
  void release() {
    if (cgroup == null) {
      return;
    }
    try {
      Files.deleteIfExists(cgroup);
    } catch (IOException stillInUse) {
      // the kernel refuses while a process is in it; it is an empty directory of the cgroup file system
    }
  }

  private static boolean onPath(String command) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
