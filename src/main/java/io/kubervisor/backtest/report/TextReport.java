package io.kubervisor.backtest.report;

import io.kubervisor.backtest.BacktestReport;
import io.kubervisor.backtest.Comparison;
import io.kubervisor.backtest.Decision;
import io.kubervisor.backtest.Run;
import io.kubervisor.backtest.Summary;
import io.kubervisor.cli.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The report for a terminal: for each run a summary, the pods' timeline in the terminal's width and its first
 * decisions; for a comparison, the decisions only one configuration took, side by side.
 */
public final class TextReport {

  static final String WHAT_IF = "Pods the replay took out keep their real metrics: this is a what-if on the traffic"
      + " that was, not a prediction.";
  private static final int DECISIONS_SHOWN = 20;
  private static final int NO_DATA_SHOWN = 10;
  /** Reasons can be long (an outlier's states the fleet's center and spread); -o json has them whole. */
  private static final int REASON_SHOWN = 100;
  private static final int ITEM_WIDTH = "floor held pods in".length() + 3;

  private final BacktestReport report;
  private final int width;
  private final Times times;
  private final List<String> lines = new ArrayList<>();

  private TextReport(BacktestReport report, int width) {
    this.report = report;
    this.width = width;
    this.times = new Times(report.window().from(), report.window().to());
  }

  /** @param width the terminal's columns */
  public static String render(BacktestReport report, int width) {
    TextReport text = new TextReport(report, width);
    text.write();
    return String.join("\n", text.lines) + "\n";
  }

  private void write() {
    Instant from = report.window().from();
    Instant to = report.window().to();
    String what = report.comparison() == null ? "BreakerConfig " + title(report.runs().get(0))
        : "A: " + title(report.runs().get(0)) + " and B: " + title(report.runs().get(1)) + ", on the same history,";
    lines.add("Backtest of " + what + " from " + Times.full(from) + " to " + Times.full(to) + " ("
        + Times.duration(Duration.between(from, to)) + ")");
    report.prometheus().forEach(line -> lines.add("  " + line));
    for (int i = 0; i < report.runs().size(); i++) {
      Run run = report.runs().get(i);
      lines.add("");
      if (report.comparison() != null) {
        lines.add((i == 0 ? "A: " : "B: ") + title(run));
      }
      run(run);
    }
    if (report.comparison() != null) {
      lines.add("");
      differences(report.comparison());
    }
    lines.add("");
    lines.add(WHAT_IF);
  }

  private void run(Run run) {
    run.result().notReplayable().forEach(note -> lines.add("Not replayable: " + note));
    run.result().detectorErrors().forEach(error -> lines.add("Detector errors: " + error));
    if (run.step() == null) {
      lines.add("No breaker of " + run.name() + " can be replayed: nothing to show.");
      return;
    }
    lines.add("Every " + Times.duration(run.step()) + ": " + run.result().timeline().frames().size() + " instants");
    Summary summary = run.summary();
    if (summary.pods().isEmpty()) {
      lines.add("No pod had a series in the window: check the breakers' promQL and the window.");
      return;
    }
    lines.add("Summary");
    item("ejections", summary.totalEjections() + (summary.ejections().isEmpty() ? "" : ": "
        + summary.ejections().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "))));
    item("restores", String.valueOf(summary.restores()));
    item("pauses", String.valueOf(summary.pauses()));
    item("kills", String.valueOf(summary.kills()));
    item("fewest in traffic", fewest(summary));
    item("floor held pods in", summary.heldBack() == 0 ? "never" : "at " + summary.heldBack() + " instants ("
        + summary.spared() + " anomalous pods kept in traffic in all)");
    List<String> noData = summary.noData().stream().map(gap -> gap.breaker() + ": " + String.join(", ", gap.pods())
        + " from " + times.format(gap.from()) + " to " + times.format(gap.to()) + " (" + gap.evaluations()
        + " evaluations)").toList();
    item("no data", noData.isEmpty() ? "none" : noData.get(0));
    noData.stream().skip(1).limit(NO_DATA_SHOWN - 1).forEach(gap -> item("", gap));
    if (noData.size() > NO_DATA_SHOWN) {
      item("", "... " + (noData.size() - NO_DATA_SHOWN) + " more (-o json lists them all)");
    }
    lines.add("");
    lines.addAll(TextTimeline.render(run.result().timeline(), summary.pods(), run.step(), times, width));
    if (report.comparison() == null) {
      lines.add("");
      decisions(run.result().decisions());
    }
  }

  private void item(String name, String value) {
    lines.add("  " + name + " ".repeat(ITEM_WIDTH - name.length()) + value);
  }

  private String fewest(Summary summary) {
    Summary.Fewest fewest = summary.fewest();
    return fewest.inTraffic() + " of " + fewest.fleet() + " pods (floor " + fewest.floor() + "), first at "
        + times.format(fewest.at()) + ", " + Times.duration(fewest.lasted()) + " in all";
  }

  private void decisions(List<Decision> decisions) {
    if (decisions.isEmpty()) {
      lines.add("No decisions: every pod stayed in traffic.");
      return;
    }
    lines.add("Decisions" + (decisions.size() > DECISIONS_SHOWN ? " (the first " + DECISIONS_SHOWN + " of "
        + decisions.size() + "; -o json lists them all)" : ""));
    Table table = new Table("TIME", "POD", "BREAKER", "ACTION", "VALUE", "THRESHOLD", "REASON");
    decisions.stream().limit(DECISIONS_SHOWN).forEach(d -> table.row(times.format(d.time()), d.pod(), d.breaker(),
        d.action(), d.value(), d.threshold(), shortened(d.reason())));
    table.lines().forEach(line -> lines.add("  " + line));
  }

  /** The decisions only one configuration took, by instant and pod, A's beside B's. */
  private void differences(Comparison comparison) {
    lines.add("Differences: " + comparison.onlyInA().size() + " decisions only in A, " + comparison.onlyInB().size()
        + " only in B");
    Map<String, String[]> rows = new TreeMap<>();
    comparison.onlyInA().forEach(d -> add(rows, d, 0));
    comparison.onlyInB().forEach(d -> add(rows, d, 1));
    if (!rows.isEmpty()) {
      Table table = new Table("TIME", "POD", "ONLY IN A", "ONLY IN B");
      rows.values().forEach(row -> table.row(row[0], row[1], row[2], row[3]));
      table.lines().forEach(line -> lines.add("  " + line));
    }
    List<Run> runs = report.runs();
    lines.add("Fewest in traffic: A " + fewestShort(runs.get(0).summary()) + "; B "
        + fewestShort(runs.get(1).summary()));
  }

  private void add(Map<String, String[]> rows, Decision decision, int side) {
    String[] row = rows.computeIfAbsent(decision.time() + " " + decision.pod(),
        key -> new String[] {times.format(decision.time()), decision.pod(), null, null});
    String shown = decision.action() + " by " + decision.breaker() + (decision.value() == null ? ""
        : " (" + decision.value() + ", " + decision.threshold() + ")");
    row[2 + side] = row[2 + side] == null ? shown : row[2 + side] + "; " + shown;
  }

  private String fewestShort(Summary summary) {
    return summary.fewest() == null ? "no pods" : summary.fewest().inTraffic() + " of " + summary.fewest().fleet()
        + " at " + times.format(summary.fewest().at());
  }

  private static String shortened(String reason) {
    return reason.length() <= REASON_SHOWN ? reason : reason.substring(0, REASON_SHOWN - 3) + "...";
  }

  /** namespace/name, and where it came from when that says more: a file. */
  static String title(Run run) {
    return run.name() + (run.label().equals(run.config().getMetadata().getName()) ? "" : " (" + run.label() + ")");
  }
}
