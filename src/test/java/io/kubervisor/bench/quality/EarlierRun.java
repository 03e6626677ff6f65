package io.kubervisor.bench.quality;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An earlier run's report (--merge), into which this run's rows go: a row that failed there (or a scenario that
 * changed) is replayed alone, and the targets are judged again on the whole.
 */
record EarlierRun(QualityReport report) {

  static EarlierRun read(Path dir) throws IOException {
    return new EarlierRun(new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(dir.resolve("quality.json").toFile(), QualityReport.class));
  }

  /** The earlier scenarios with this run's rows in place of theirs, then this run's scenarios that it lacked. */
  List<ScenarioReport> merge(List<ScenarioReport> replayed) {
    Map<String, ScenarioReport> merged = new LinkedHashMap<>();
    report.scenarios().forEach(scenario -> merged.put(scenario.name(), scenario));
    for (ScenarioReport scenario : replayed) {
      ScenarioReport earlier = merged.get(scenario.name());
      if (earlier == null) {
        merged.put(scenario.name(), scenario);
        continue;
      }
      List<RunResult> runs = new ArrayList<>(earlier.runs());
      runs.removeIf(run -> scenario.runs().stream().anyMatch(again -> again.policy().equals(run.policy())));
      runs.addAll(scenario.runs());
      runs.sort(Comparator.comparing(run -> QualityOptions.POLICIES.indexOf(run.policy())));
      merged.put(scenario.name(), new ScenarioReport(scenario.name(), scenario.description(), scenario.pods(),
          scenario.requestsPerSecond(), scenario.durationSeconds(), scenario.faultFrom(), scenario.faultTo(),
          scenario.steps(), List.copyOf(runs)));
    }
    return List.copyOf(merged.values());
  }

  /** Which commit measured what: this run's rows, then the earlier run's. */
  String commit(String replayedOn, List<ScenarioReport> replayed) {
    List<String> rows = replayed.stream().flatMap(scenario -> scenario.runs().stream()
        .map(run -> scenario.name() + "/" + run.policy())).toList();
    return report.commit() + " (" + String.join(", ", rows) + " replayed on " + replayedOn + ")";
  }
}
