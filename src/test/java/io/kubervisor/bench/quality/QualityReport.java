package io.kubervisor.bench.quality;

import java.util.List;
import java.util.Map;

/**
 * A run of the benchmark, as its JSON file holds it.
 *
 * @param policies each policy's name and its settings
 * @param seconds how long the whole benchmark took
 */
record QualityReport(String startedAt, String commit, String machine, long seed, Map<String, String> policies,
    List<ScenarioReport> scenarios, List<TargetVerdict> targets, long seconds) {
}
