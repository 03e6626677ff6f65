package io.kubervisor.cli;

import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.backtest.BacktestException;
import io.kubervisor.backtest.BacktestReport;
import io.kubervisor.backtest.History;
import io.kubervisor.backtest.Run;
import io.kubervisor.backtest.SpecCheck;
import io.kubervisor.backtest.prometheus.PrometheusReach;
import io.kubervisor.backtest.report.HtmlReport;
import io.kubervisor.backtest.report.JsonReport;
import io.kubervisor.backtest.report.TextReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code backtest (NAME | -f FILE)}: replays a BreakerConfig on Prometheus history with the operator's own decision
 * code, and prints what it would have done. The replay, the reach of Prometheus and the reports live in
 * {@code io.kubervisor.backtest}; this class only reads the command line and prints.
 */
@Command(name = "backtest", customSynopsis = "(NAME | -f FILE) [--since 6h | --from T1 --to T2] [--step DURATION]"
    + " [--compare FILE2] [-o text|json|html] [--prometheus URL]",
    header = "what a BreakerConfig would have done over past hours, replayed on Prometheus history",
    description = {"Replays the BreakerConfig NAME (or the one in FILE, before you apply it) over a window of Prometheus"
        + " history, with the decision code the operator runs: at each instant (every evaluationPeriod, or --step) each"
        + " breaker's queries are asked as of that instant, and the verdicts go through warmup, threshold streaks, the"
        + " floor over all breakers, worst first, and the activator's restores, pauses and kills. A pod the replay"
        + " takes out keeps its real metrics: this is a what-if on the traffic that was, not a prediction.", "",
        "External and custom detectors cannot be asked about the past: they are reported as not replayed.", "",
        "Prometheus is the breakers' prometheusService; a Service URL of the cluster (http://NAME.NS.svc:PORT, or"
            + " NAME.NS when the cluster has that Service) is reached through the API server's service proxy with your"
            + " kubeconfig. --prometheus URL asks another, such as a kubectl port-forward. The breakers' credentials"
            + " and CA are used where your kubeconfig can read their Secrets.", "",
        "-o text prints a summary and a timeline per pod in the terminal's width; -o json every decision; -o html a"
            + " self-contained report with charts (redirect it to a file). --compare FILE2 replays a second"
            + " configuration on the same history and shows the decisions only in each. Progress goes to stderr."})
final class BacktestCommand implements Runnable {

  @ParentCommand
  RootCommand plugin;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "NAME", arity = "0..1", description = "the BreakerConfig of the cluster to replay")
  String name;

  @Option(names = {"-f", "--filename"}, paramLabel = "FILE",
      description = "the BreakerConfig to replay, from a YAML or JSON file, instead of NAME from the cluster")
  String file;

  @Option(names = "--since", paramLabel = "DURATION", description = "replay the last DURATION, such as 30m or 6h"
      + " (default 1h)")
  String since;

  @Option(names = "--from", paramLabel = "TIME",
      description = "replay from this RFC 3339 time, such as 2026-12-01T10:00:00Z")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "replay until this RFC 3339 time (default: now)")
  String to;

  @Option(names = "--step", paramLabel = "DURATION",
      description = "the time between replayed instants (default: the shortest evaluationPeriod of the breakers)")
  String step;

  @Option(names = "--compare", paramLabel = "FILE2", description = "also replay the BreakerConfig of FILE2 on the"
      + " same history, and show what they decided differently")
  String compare;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default: a summary and a timeline), json (every decision) or html (a report with charts)")
  String output;

  @Option(names = "--prometheus", paramLabel = "URL",
      description = "ask this Prometheus instead of the breakers' prometheusService, such as a kubectl port-forward")
  String prometheus;

  @Override
  public void run() {
    BacktestOptions options = BacktestOptions.of(this, plugin.now());
    List<Source> sources = new ArrayList<>();
    sources.add(options.name() != null
        ? new Source(options.name(), plugin.cluster().breakerConfig(options.name()))
        : new Source(options.file(), BreakerConfigFile.read(options.file(), plugin.cluster().namespace())));
    if (options.compare() != null) {
      sources.add(new Source(options.compare(), BreakerConfigFile.read(options.compare(),
          plugin.cluster().namespace())));
    }
    try {
      plugin.out().print(render(replay(options, sources), options.output()));
    } catch (BacktestException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  /** A BreakerConfig to replay, and where it came from as the user named it. */
  private record Source(String label, BreakerConfig config) {}

  private BacktestReport replay(BacktestOptions options, List<Source> sources) {
    PrometheusReach reach = new PrometheusReach(options.prometheus(), () -> plugin.cluster().client(),
        warning -> plugin.err().println("warning: " + warning));
    // Every history set up first, so that warnings never break into the progress bar.
    List<History> histories = new ArrayList<>();
    for (Source source : sources) {
      SpecCheck.check(source.config(), source.label());
      histories.add(reach.historyOf(source.config()));
    }
    long total = sources.stream().mapToLong(source -> options.window().instants(source.config())).sum();
    long started = System.nanoTime();
    List<Run> runs = new ArrayList<>();
    try (ProgressBar progress = new ProgressBar(plugin.err(), Terminal.stderrIsTerminal(), total,
        System::nanoTime)) {
      for (int i = 0; i < sources.size(); i++) {
        runs.add(Run.replay(sources.get(i).label(), sources.get(i).config(), histories.get(i), options.window(),
            progress));
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    plugin.err().printf(Locale.ROOT, "Replayed %d instants in %.1fs with %d range %s to Prometheus%n", total,
        took.toMillis() / 1000.0, reach.queries(), reach.queries() == 1 ? "query" : "queries");
    if (!options.output().equals("text")) {
      runs.forEach(run -> run.result().notReplayable().forEach(note -> plugin.err().println("note: "
          + run.name() + ": not replayable: " + note)));
    }
    return BacktestReport.of(options.window(), runs, reach.reached(), took, reach.queries());
  }

  private static String render(BacktestReport report, String output) {
    return switch (output) {
      case "json" -> JsonReport.render(report);
      case "html" -> HtmlReport.render(report);
      default -> TextReport.render(report, Terminal.columns());
    };
  }
}
