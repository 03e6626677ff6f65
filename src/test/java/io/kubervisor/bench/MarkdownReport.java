package io.kubervisor.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The run as markdown: what each size measured, then each target with its verdict. */
final class MarkdownReport {

  private MarkdownReport() {}

  static String of(BenchReport report) {
    StringBuilder out = new StringBuilder();
    Machine machine = report.machine();
    out.append("Commit ").append(machine.commit()).append(", ").append(report.startedAt()).append(", on ")
        .append(machine.cpu()).append(" (").append(machine.cpus()).append(" CPUs, ")
        .append(Format.mib(machine.memoryBytes())).append(")\n");
    ChartRuntime chart = report.chart();
    out.append("Operator as the chart runs it: memory limit ").append(Format.mib(chart.memoryLimitBytes()))
        .append(", ").append(chart.cpus()).append(" CPU: ").append(chart.cpuLimit().description())
        .append(", JAVA_TOOL_OPTIONS=").append(chart.javaToolOptions()).append('\n')
        .append("Image's JVM options: ").append(String.join(" ", report.image().jvmOptions())).append('\n')
        .append("Steady window ").append(report.settings().windowSeconds()).append(" s after ")
        .append(report.settings().settleSeconds()).append(" s of settling; ")
        .append(report.settings().faults()).append(" faults at most; evaluationPeriod ")
        .append(report.settings().evaluationPeriodSeconds()).append(" s\n\n");

    out.append("| pods | BreakerConfigs | world built | heap after full GC (max heap) | RSS | threads | CPU (cores) "
        + "| CPU per evaluation | writes/min (of which Lease) | LIST in window | Prometheus queries/s (expected) "
        + "| start → first evaluation (all) | visible → ejected p50 / p99 / max "
        + "| visible → out of EndpointSlice p50 / p99 / max |\n");
    out.append("|---".repeat(14)).append("|\n");
    for (SizeResult size : report.sizes()) {
      out.append(row(size)).append('\n');
    }
    report.sizes().stream().filter(size -> size.error() != null).forEach(size -> out.append("\n")
        .append(Format.count(size.pods())).append(" pods failed: ").append(size.error().lines().findFirst()
            .orElse("")).append('\n'));

    out.append("\n| target | measured | verdict |\n|---|---|---|\n");
    for (TargetLine line : report.targets()) {
      out.append("| ").append(line.target()).append(" | ").append(line.measured()).append(" | ")
          .append(line.verdict()).append(" |\n");
    }
    return out.toString();
  }

  private static String row(SizeResult size) {
    SteadyWindow window = size.window();
    ApiCalls api = size.apiInWindow();
    Faults faults = size.faults();
    return "| " + String.join(" | ", List.of(
        Format.count(size.pods()),
        Format.count(size.breakerConfigs()),
        size.build() == null ? Format.NONE : Format.seconds(size.build().total()),
        size.heapAfterGc() == null ? Format.NONE : Format.mib(size.heapAfterGc().usedBytes())
            + (size.jvm() == null ? "" : " (" + Format.mib(size.jvm().maxHeapBytes()) + ")"),
        window == null ? Format.NONE : Format.mib(window.rssBytes()),
        window == null ? Format.NONE : String.valueOf(window.threadsMax()),
        window == null ? Format.NONE : Format.decimal(window.cpuCores(), 3),
        window == null || window.cpuMillisPerEvaluation() == null ? Format.NONE
            : Format.decimal(window.cpuMillisPerEvaluation(), 2) + " ms",
        api == null ? Format.NONE : Format.decimal(size.writesPerMinute(), 1) + " ("
            + Format.decimal(api.leaseWrites() * 60 / api.seconds(), 1) + ")",
        api == null ? Format.NONE : String.valueOf(api.lists()),
        window == null ? Format.NONE : String.format(Locale.ROOT, "%.2f (%.2f)", window.prometheusQueriesPerSecond(),
            size.expectedQueriesPerSecond()),
        size.startup() == null ? Format.NONE : Format.seconds(size.startup().firstEvaluationSeconds()) + " ("
            + Format.seconds(size.startup().allEvaluatedSeconds()) + ")",
        faults == null ? Format.NONE : spread(faults.ejected(), faults.injected()),
        faults == null ? Format.NONE : spread(faults.outOfSlice(), faults.injected()))) + " |";
  }

  /** p50 / p99 / max, and how many of the bad pods it covers when some never left. */
  private static String spread(Distribution distribution, int injected) {
    String percentiles = String.format(Locale.ROOT, "%s / %s / %s", Format.decimal(distribution.p50(), 1),
        Format.decimal(distribution.p99(), 1), Format.decimal(distribution.max(), 1)) + " s";
    return distribution.count() == injected ? percentiles
        : percentiles + " (" + distribution.count() + " of " + injected + " left)";
  }
}
