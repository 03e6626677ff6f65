package io.kubervisor.backtest.report;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.PrometheusQuery;
import io.kubervisor.backtest.BacktestReport;
import io.kubervisor.backtest.Decision;
import io.kubervisor.backtest.Run;
import io.kubervisor.backtest.Summary;
import io.kubervisor.detectors.DetectorExchange;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The report as one self-contained HTML file: per run, its summary, the pods' states, the pods in traffic against the
 * floor, and per breaker each pod's value with the bound it is judged by and the decisions marked on it; for a
 * comparison, the decisions only one configuration took. Charts are inline SVG with tooltips; no script, font or
 * other file is loaded, so it renders offline.
 */
public final class HtmlReport {

  private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
      "#b07aa1", "#ff9da7", "#9c755f", "#5f6b6d"};
  private static final int DECISIONS_SHOWN = 500;
  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1000px;color:#222;
        padding:0 16px}
      h1{font-size:1.4em}h2{font-size:1.2em;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}
      h3{font-size:1em;margin:20px 0 6px}
      .meta,.note{color:#555}.note{background:#fff8e1;border-left:4px solid #f0a202;padding:6px 10px}
      table{border-collapse:collapse;font-size:.9em}td,th{padding:3px 10px 3px 0;text-align:left;vertical-align:top}
      table.decisions td,table.decisions th{border-bottom:1px solid #eee}
      svg{width:100%;height:auto;display:block}
      .plot{fill:#fafafa;stroke:#ccc}.grid{stroke:#e6e6e6}.label,.level-label{font-size:11px;fill:#555}
      .series{fill:none;stroke-width:1.5}.baseline{fill:none;stroke:#777;stroke-width:1.5;stroke-dasharray:2 3}
      .threshold{fill:none;stroke:#c62828;stroke-width:1.5;stroke-dasharray:6 4}.level-label{fill:#c62828}
      .break{stroke:#8b0000;stroke-width:1.5}.restore{fill:#2e7d32}.pause{fill:#f0a202}.kill{fill:#222}
      .reset{fill:#9e9e9e}
      .in-traffic{fill:none;stroke:#2e7d32;stroke-width:2}.floor{fill:none;stroke:#c62828;stroke-width:1.5;
        stroke-dasharray:6 4}.fleet{fill:none;stroke:#999;stroke-width:1}.held{fill:#fde0dc}
      .state.in-traffic{fill:#a5d6a7;stroke:none}.state.out{fill:#e57373}.state.paused{fill:#f0a202}
      .state.killed{fill:#424242}
      .legend span{display:inline-block;margin-right:14px;font-size:.85em}
      .swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
      .empty{color:#777;font-style:italic}
      """;

  private final BacktestReport report;
  private final Times times;
  private final StringBuilder html = new StringBuilder();

  private HtmlReport(BacktestReport report) {
    this.report = report;
    this.times = new Times(report.window().from(), report.window().to());
  }

  public static String render(BacktestReport report) {
    HtmlReport page = new HtmlReport(report);
    page.write();
    return page.html.toString();
  }

  private void write() {
    String title = "Backtest of " + String.join(" and ", report.runs().stream().map(Run::name).toList());
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<link rel=\"icon\" href=\"data:,\"><title>").append(Html.escape(title)).append("</title><style>")
        .append(STYLE).append("</style></head><body>\n<h1>").append(Html.escape(title)).append("</h1>\n")
        .append("<p class=\"meta\">From ").append(Times.full(report.window().from())).append(" to ")
        .append(Times.full(report.window().to())).append(" (")
        .append(Times.duration(Duration.between(report.window().from(), report.window().to()))).append(").");
    report.prometheus().forEach(line -> html.append("<br>").append(Html.escape(line)));
    html.append("</p>\n<p class=\"note\">").append(Html.escape(TextReport.WHAT_IF)).append("</p>\n");
    if (report.comparison() != null) {
      differences();
    }
    for (int i = 0; i < report.runs().size(); i++) {
      run(report.runs().get(i), report.comparison() == null ? "" : i == 0 ? "A: " : "B: ");
    }
    html.append("<p class=\"meta\">Replayed by kubectl kubervisor backtest in ").append(Times.duration(report.took()))
        .append(", with ").append(report.queries()).append(report.queries() == 1 ? " range query" : " range queries")
        .append(" to Prometheus.</p>\n</body></html>\n");
  }

  private void run(Run run, String prefix) {
    html.append("<section>\n<h2>").append(Html.escape(prefix + TextReport.title(run))).append("</h2>\n");
    run.result().notReplayable().forEach(note -> html.append("<p class=\"note\">Not replayable: ")
        .append(Html.escape(note)).append("</p>\n"));
    run.result().detectorErrors().forEach(error -> html.append("<p class=\"note\">Detector errors: ")
        .append(Html.escape(error)).append("</p>\n"));
    Summary summary = run.summary();
    if (run.step() == null || summary.pods().isEmpty()) {
      html.append("<p class=\"empty\">").append(run.step() == null ? "No breaker can be replayed."
          : "No pod had a series in the window: check the breakers' promQL and the window.").append("</p>\n")
          .append("</section>\n");
      return;
    }
    summary(run, summary);
    Map<String, String> colors = new LinkedHashMap<>();
    summary.pods().forEach(pod -> colors.put(pod, PALETTE[colors.size() % PALETTE.length]));
    html.append("<h3>Pods over time</h3>\n").append(PodLanes.render(run, report.window(), times))
        .append("\n<p class=\"legend\">").append(swatch("#a5d6a7", "in traffic")).append(swatch("#e57373", "out"))
        .append(swatch("#f0a202", "paused")).append(swatch("#424242", "killed"))
        .append("<span>blank: no series</span></p>\n");
    html.append("<h3>Pods in traffic against the floor</h3>\n").append(TrafficChart.render(run, report.window(), times))
        .append("\n<p class=\"legend\">").append(swatch("#2e7d32", "in traffic")).append(swatch("#c62828", "floor"))
        .append(swatch("#999", "pods with series")).append(swatch("#fde0dc", "the floor kept anomalous pods in"))
        .append("</p>\n");
    for (BreakerSpec breaker : run.config().getSpec().breakers) {
      if (!(DetectorExchange.httpEndpoint(breaker) instanceof PrometheusQuery)) {
        continue;
      }
      html.append("<h3>Breaker ").append(Html.escape(breaker.name)).append(": ")
          .append(Html.escape(BreakerChart.measure(breaker))).append("</h3>\n")
          .append(BreakerChart.render(run, breaker, colors, report.window(), times)).append("\n<p class=\"legend\">");
      colors.forEach((pod, color) -> html.append(swatch(color, pod)));
      html.append(swatch("#c62828", "threshold"))
          .append(breaker.continuousValueDeviation != null || breaker.outlier != null ? swatch("#777", "fleet baseline")
              : "")
          .append("<span>● ejection ▲ activator step (hover for details)</span></p>\n");
    }
    decisions(run.result().decisions());
    html.append("</section>\n");
  }

  private void summary(Run run, Summary summary) {
    Summary.Fewest fewest = summary.fewest();
    html.append("<table class=\"summary\">");
    row("Every", Times.duration(run.step()) + ", " + run.result().timeline().frames().size() + " instants");
    row("Ejections", summary.totalEjections() + (summary.ejections().isEmpty() ? "" : " (" + String.join(", ",
        summary.ejections().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()) + ")"));
    row("Restores", String.valueOf(summary.restores()));
    row("Pauses", String.valueOf(summary.pauses()));
    row("Kills", String.valueOf(summary.kills()));
    row("Fewest in traffic", fewest.inTraffic() + " of " + fewest.fleet() + " pods (floor " + fewest.floor()
        + "), first at " + times.format(fewest.at()) + ", " + Times.duration(fewest.lasted()) + " in all");
    row("Floor held pods in", summary.heldBack() == 0 ? "never" : "at " + summary.heldBack() + " instants ("
        + summary.spared() + " anomalous pods kept in traffic in all)");
    row("No data", summary.noData().isEmpty() ? "none" : String.join("; ", summary.noData().stream()
        .map(gap -> gap.breaker() + ": " + String.join(", ", gap.pods()) + " from " + times.format(gap.from())
            + " to " + times.format(gap.to()) + " (" + gap.evaluations() + " evaluations)").toList()));
    html.append("</table>\n");
  }

  private void row(String name, String value) {
    html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
        .append("</td></tr>");
  }

  private void decisions(List<Decision> decisions) {
    html.append("<h3>Decisions</h3>\n");
    if (decisions.isEmpty()) {
      html.append("<p class=\"empty\">No decisions: every pod stayed in traffic.</p>\n");
      return;
    }
    if (decisions.size() > DECISIONS_SHOWN) {
      html.append("<p class=\"meta\">The first ").append(DECISIONS_SHOWN).append(" of ").append(decisions.size())
          .append("; -o json lists them all.</p>\n");
    }
    decisionTable(decisions.stream().limit(DECISIONS_SHOWN).map(d -> new Tagged(null, d)).toList());
  }

  private void differences() {
    html.append("<section>\n<h2>Differences</h2>\n<p>").append(report.comparison().onlyInA().size())
        .append(" decisions only in A, ").append(report.comparison().onlyInB().size()).append(" only in B. Fewest in")
        .append(" traffic: ");
    for (int i = 0; i < 2; i++) {
      Summary.Fewest fewest = report.runs().get(i).summary().fewest();
      html.append(i == 0 ? "A " : "; B ").append(fewest == null ? "no pods"
          : fewest.inTraffic() + " of " + fewest.fleet() + " at " + times.format(fewest.at()));
    }
    html.append(".</p>\n");
    List<Tagged> rows = Stream.concat(report.comparison().onlyInA().stream().map(d -> new Tagged("A", d)),
        report.comparison().onlyInB().stream().map(d -> new Tagged("B", d)))
        .sorted(Comparator.comparing(tagged -> tagged.decision().time())).toList();
    if (!rows.isEmpty()) {
      decisionTable(rows);
    }
    html.append("</section>\n");
  }

  /** A decision, with the configuration it is only in when comparing. */
  private record Tagged(String onlyIn, Decision decision) {}

  private void decisionTable(List<Tagged> rows) {
    boolean comparing = rows.get(0).onlyIn() != null;
    html.append("<table class=\"decisions\"><tr>").append(comparing ? "<th>only in</th>" : "")
        .append("<th>time</th><th>pod</th><th>breaker</th><th>action</th><th>value</th><th>threshold</th>")
        .append("<th>reason</th></tr>\n");
    for (Tagged row : rows) {
      Decision d = row.decision();
      html.append("<tr>");
      if (comparing) {
        html.append("<td>").append(row.onlyIn()).append("</td>");
      }
      for (String cell : new String[] {times.format(d.time()), d.pod(), d.breaker(), d.action(), d.value(),
          d.threshold(), d.reason()}) {
        html.append("<td>").append(cell == null ? "-" : Html.escape(cell)).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static String swatch(String color, String label) {
    return "<span><span class=\"swatch\" style=\"background:" + color + "\"></span>" + Html.escape(label) + "</span>";
  }
}
