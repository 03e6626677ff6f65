package io.kubervisor.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlierRunTest {

  @Test
  void aReplayedRowTakesTheFailedOnesPlaceAndTheRestIsKept(@TempDir Path dir) throws Exception {
    RunResult none = run("none", null);
    ScenarioReport flapping = scenario("flapping", List.of(none, RunResult.failed("kubervisor", "bind failed")));
    ScenarioReport slowPod = scenario("slow-pod", List.of(run("none", null)));
    new ObjectMapper().writeValue(dir.resolve("quality.json").toFile(), new QualityReport("then", "abc", "machine", 1,
        Map.of("none", "nothing"), List.of(flapping, slowPod), List.of(), 60));
    EarlierRun earlier = EarlierRun.read(dir);

    RunResult replayed = run("kubervisor", null);
    List<ScenarioReport> merged = earlier.merge(List.of(scenario("flapping", List.of(replayed))));

    assertThat(merged).extracting(ScenarioReport::name).containsExactly("flapping", "slow-pod");
    assertThat(merged.get(0).runs()).containsExactly(none, replayed);
    assertThat(merged.get(1)).isEqualTo(slowPod);
    assertThat(earlier.commit("def", List.of(scenario("flapping", List.of(replayed)))))
        .isEqualTo("abc (flapping/kubervisor replayed on def)");
  }

  private static RunResult run(String policy, String error) {
    return new RunResult(policy, List.of(new PhaseStats("before", 0, 10, 2000, 1, 0.0005, 25.0)),
        List.of(new PodIsolation(3, 10, 2.5, 0, List.of(20L, 0L))), List.of(), 1, 9, 10, 0.05, List.of(0.0, 0.1),
        List.of("1× break"), error);
  }

  private static ScenarioReport scenario(String name, List<RunResult> runs) {
    return new ScenarioReport(name, "what", 10, 200, 65, 10, 50, List.of("10 s: a fault"), runs);
  }
}
