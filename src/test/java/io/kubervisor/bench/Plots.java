package io.kubervisor.bench;

import io.kubervisor.bench.SvgLineChart.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** One SVG chart per metric against the fleet size, from the sizes that measured it. */
final class Plots {

  private static final String PODS = "pods";

  private Plots() {}

  /** Writes the charts into {@code dir} and returns their files. */
  static List<Path> write(BenchReport report, Path dir) throws IOException {
    List<SizeResult> sizes = report.sizes();
    List<Path> files = new ArrayList<>();
    files.add(save(dir, "heap", new SvgLineChart("Heap after a full GC", PODS, "MiB")
        .series("heap", points(sizes, size -> size.heapAfterGc() == null ? null
            : size.heapAfterGc().usedBytes() / Format.MIB))
        .target(Targets.HEAP_BYTES / Format.MIB, "target at 10,000 pods: 256 MiB")));
    files.add(save(dir, "rss", new SvgLineChart("Resident memory at the end of the window", PODS, "MiB")
        .series("RSS", points(sizes, size -> size.window() == null ? null : size.window().rssBytes() / Format.MIB))
        .target(report.chart().memoryLimitBytes() / Format.MIB, "the chart's memory limit")));
    files.add(save(dir, "threads", new SvgLineChart("Threads (most seen in the window)", PODS, "threads")
        .series("threads", points(sizes, size -> size.window() == null ? null
            : (double) size.window().threadsMax()))
        .target(Targets.THREADS, "target: 80")));
    files.add(save(dir, "cpu", new SvgLineChart("CPU at steady state (mean over the window)", PODS, "cores")
        .series("CPU", points(sizes, size -> size.window() == null ? null : size.window().cpuCores()))
        .target(Targets.CPU_CORES, "target: 0.2 core")));
    files.add(save(dir, "cpu-per-evaluation", new SvgLineChart("CPU per evaluation", PODS, "ms")
        .series("CPU per evaluation", points(sizes, size -> size.window() == null ? null
            : size.window().cpuMillisPerEvaluation()))));
    files.add(save(dir, "api-writes", new SvgLineChart("API writes at steady state", PODS, "writes per minute")
        .series("all", points(sizes, SizeResult::writesPerMinute))
        .series("besides the Lease", points(sizes, SizeResult::otherWritesPerMinute))));
    files.add(save(dir, "prometheus-queries", new SvgLineChart("Prometheus queries", PODS, "queries per second")
        .series("measured", points(sizes, size -> size.window() == null ? null
            : size.window().prometheusQueriesPerSecond()))
        .series("breakers ÷ period", points(sizes, SizeResult::expectedQueriesPerSecond))));
    files.add(save(dir, "startup", new SvgLineChart("From the JVM's launch", PODS, "seconds")
        .series("first evaluation", points(sizes, size -> size.startup() == null ? null
            : size.startup().firstEvaluationSeconds()))
        .series("every BreakerConfig evaluated", points(sizes, size -> size.startup() == null ? null
            : size.startup().allEvaluatedSeconds()))
        .target(Targets.STARTUP_SECONDS, "target at 10,000 pods: 5 s")));
    files.add(save(dir, "ejection", new SvgLineChart("Fault visible → pod out of the EndpointSlice", PODS, "seconds")
        .series("p50", points(sizes, size -> size.faults() == null ? null : size.faults().outOfSlice().p50()))
        .series("p99", points(sizes, size -> size.faults() == null ? null : size.faults().outOfSlice().p99()))
        .series("max", points(sizes, size -> size.faults() == null ? null : size.faults().outOfSlice().max()))
        .target(Targets.EJECTION_SECONDS, "target p99: evaluationPeriod + 2 s")));
    files.add(save(dir, "world-build", new SvgLineChart("Building the world", PODS, "seconds")
        .series("all", points(sizes, size -> size.build() == null ? null : size.build().total()))
        .series("pods created and ready", points(sizes, size -> size.build() == null ? null : size.build().pods()))));
    return files;
  }

  private static List<Point> points(List<SizeResult> sizes, Function<SizeResult, Double> value) {
    return sizes.stream()
        .filter(size -> value.apply(size) != null)
        .map(size -> new Point(size.pods(), Objects.requireNonNull(value.apply(size))))
        .toList();
  }

  private static Path save(Path dir, String name, SvgLineChart chart) throws IOException {
    return Files.writeString(dir.resolve(name + ".svg"), chart.render());
  }
}
