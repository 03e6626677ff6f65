package io.kubervisor.bench.quality;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The run as markdown: a table per scenario, then each target with its verdict. */
final class QualityMarkdown {

  private QualityMarkdown() {}

  static String of(QualityReport report) {
    StringBuilder out = new StringBuilder();
    out.append("Commit ").append(report.commit()).append(", ").append(report.startedAt()).append(", on ")
        .append(report.machine()).append("; seed ").append(report.seed()).append("; ").append(report.seconds() / 60)
        .append(" min\n");
    for (ScenarioReport scenario : report.scenarios()) {
      out.append("\n### ").append(scenario.name()).append(": ").append(scenario.description()).append("\n\n")
          .append(scenario.pods()).append(" pods, ").append(Math.round(scenario.requestsPerSecond()))
          .append(" requests/s, ").append(scenario.durationSeconds()).append(" s; ")
          .append(String.join("; ", scenario.steps())).append(".\n\n")
          .append("| policy | client errors before / during / after | p99 before / during / after "
              + "| fault → isolation | healthy isolated | missed | precision / recall | fewest serving | what it did |\n")
          .append("|---|---|---|---|---|---|---|---|---|\n");
      scenario.runs().forEach(run -> out.append(row(run)).append('\n'));
    }
    out.append("\n| target | measured | verdict |\n|---|---|---|\n");
    report.targets().forEach(t -> out.append("| ").append(t.target()).append(" | ").append(t.measured()).append(" | ")
        .append(t.verdict()).append(" |\n"));
    return out.toString();
  }

  private static String row(RunResult run) {
    if (run.error() != null) {
      return "| " + run.policy() + " | failed: " + run.error().lines().findFirst().orElse("").replace("|", "/")
          + " |||||||||";
    }
    List<PodIsolation> missed = run.faultyPods().stream().filter(pod -> !pod.isolated()).toList();
    return "| " + String.join(" | ", List.of(
        run.policy(),
        phases(run, PhaseStats::errorRate, true),
        phases(run, PhaseStats::p99Millis, false),
        run.faultyPods().isEmpty() ? Format.NONE : run.faultyPods().stream()
            .map(pod -> "pod " + pod.pod() + ": " + (pod.isolated() ? Format.seconds(pod.isolatedAfter()) : "never")
                + (pod.beforeSymptoms() ? " (before its errors)" : ""))
            .collect(Collectors.joining(", ")),
        run.falsePositives().isEmpty() ? "0" : run.falsePositives().size() + " (pods " + run.falsePositives()
            .stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")",
        String.valueOf(missed.size()),
        Format.ratio(run.precision()) + " / " + Format.ratio(run.recall()),
        run.fewestServing() + " of " + run.podsUp(),
        run.notes().isEmpty() ? Format.NONE : String.join("; ", run.notes()))) + " |";
  }

  private static String phases(RunResult run, Function<PhaseStats, Double> value,
      boolean share) {
    return run.phases().stream()
        .map(phase -> share ? Format.of(value.apply(phase)) : Format.millis(value.apply(phase)))
        .collect(Collectors.joining(" / "));
  }
}
