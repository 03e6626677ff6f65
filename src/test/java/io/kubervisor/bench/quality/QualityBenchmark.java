package io.kubervisor.bench.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision-quality benchmark (src/bench/quality.sh): every scenario under every policy, the peers first, then
 * kubervisor on a control plane started once for all its scenarios (so that it idles under no peer's measurement);
 * then the tables, the targets, the JSON and the plots. Exits 1 when a run failed, whatever the targets' verdicts.
 */
public final class QualityBenchmark {

  private static final PrintStream OUT = System.out;

  private QualityBenchmark() {}

  public static void main(String[] args) {
    QualityOptions options;
    try {
      options = QualityOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.help()) {
      OUT.print(QualityOptions.USAGE);
      System.exit(0);
    }
    try {
      QualityReport report = run(options);
      boolean allRan = report.scenarios().stream().flatMap(s -> s.runs().stream()).allMatch(r -> r.error() == null);
      System.exit(allRan ? 0 : 1);
    } catch (Exception e) {
      System.err.println("error: " + e);
      System.exit(1);
    }
  }

  static QualityReport run(QualityOptions options) throws Exception {
    long begin = System.nanoTime();
    String startedAt = Instant.now().toString();
    Path out = Files.createDirectories(options.out());
    Map<String, List<RunResult>> runs = new LinkedHashMap<>();
    options.scenarios().forEach(scenario -> runs.put(scenario.name(), new ArrayList<>()));
    Map<String, String> settings = new LinkedHashMap<>();
    for (String name : options.policies()) {
      if (name.equals(QualityTargets.KUBERVISOR)) {
        progress("starting the control plane, Prometheus and the operator for kubervisor's runs");
        try (KubervisorWorld world = KubervisorWorld.start(options.jar())) {
          playAll(new KubervisorPolicy(world), options, out, runs, settings);
          world.saveOperatorLog(out.resolve("kubervisor-operator.log"));
        }
      } else {
        playAll(peer(name), options, out, runs, settings);
      }
    }
    List<ScenarioReport> scenarios = options.scenarios().stream()
        .map(scenario -> ScenarioReport.of(scenario, runs.get(scenario.name()))).toList();
    String commit = MachineInfo.commit();
    if (options.merge() != null) {
      EarlierRun earlier = EarlierRun.read(options.merge());
      commit = earlier.commit(commit, scenarios);
      scenarios = earlier.merge(scenarios);
      startedAt = earlier.report().startedAt() + ", rows replayed " + startedAt;
      Map<String, String> replayedSettings = Map.copyOf(settings);
      settings.clear();
      settings.putAll(earlier.report().policies());
      settings.putAll(replayedSettings);
    }
    QualityReport report = new QualityReport(startedAt, commit, MachineInfo.describe(), options.seed(), settings,
        scenarios, QualityTargets.judge(scenarios), (System.nanoTime() - begin) / 1_000_000_000L);
    write(report, out);
    return report;
  }

  private static void playAll(Policy policy, QualityOptions options, Path out, Map<String, List<RunResult>> runs,
      Map<String, String> settings) {
    settings.put(policy.name(), policy.settings());
    for (QualityScenario scenario : options.scenarios()) {
      progress(policy.name() + " on " + scenario.name() + ": starting");
      runs.get(scenario.name()).add(new ScenarioRun(policy, scenario, options.seed(), QualityBenchmark::progress)
          .play(out.resolve(scenario.name()).resolve(policy.name())));
    }
  }

  private static Policy peer(String name) {
    return switch (name) {
      case "none" -> new NoProtection();
      case "nginx" -> new NginxPeer();
      case "haproxy" -> new HaproxyPeer();
      case "envoy-outlier" -> new EnvoyOutlierPeer();
      default -> throw new IllegalArgumentException("no policy " + name);
    };
  }

  private static void write(QualityReport report, Path out) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("quality.json").toFile(),
        report);
    String markdown = QualityMarkdown.of(report);
    Files.writeString(out.resolve("quality.md"), markdown);
    for (ScenarioReport scenario : report.scenarios()) {
      Files.writeString(out.resolve(scenario.name() + ".svg"), ErrorRateChart.render(scenario));
    }
    OUT.println();
    OUT.print(markdown);
    OUT.println();
    OUT.println("JSON, markdown, plots and the policies' logs: " + out);
  }

  private static void progress(String message) {
    OUT.println("[quality] " + message);
  }
}
