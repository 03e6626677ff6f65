package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {

  private static final Path SCENARIOS = Path.of("deploy/sandbox/scenarios");

  @TempDir
  Path dir;

  @Test
  void theDefaultIsTwoPodsGoingBadAndOneRecovering() throws IOException {
    Scenario scenario = Scenario.load(Scenario.DEFAULT);

    assertThat(scenario.name()).isEqualTo("default");
    assertThat(scenario.pods()).isEqualTo(10);
    assertThat(scenario.steps()).extracting(ScenarioStep::pods)
        .containsExactly(PodSelection.of(List.of(0, 1)), PodSelection.of(List.of(0)));
    assertThat(scenario.steps().get(0).behaviour().errorRate()).isEqualTo(0.5);
    assertThat(scenario.steps().get(1).behaviour()).isEqualTo(Behaviour.HEALTHY);
  }

  @Test
  void everyShippedScenarioAndItsBreakerConfigLoad() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(SCENARIOS)) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString())
        .contains("default.yaml", "outage.yaml", "latency-outlier.yaml", "dry-run.yaml");
    for (Path file : files) {
      Scenario scenario = Scenario.load(file);
      BreakerConfig config = SandboxBreakerConfig.load(scenario.breakerConfig(), "sandbox", "http://127.0.0.1:9090",
          scenario.mode());
      assertThat(config.getMetadata().getNamespace()).isEqualTo("sandbox");
      assertThat(config.getSpec().breakers).allSatisfy(breaker -> assertThat(Stream.of(
          breaker.discreteValueOutOfList, breaker.continuousValueDeviation, breaker.outlier)
          .filter(q -> q != null).findFirst().orElseThrow().prometheusService).isEqualTo("http://127.0.0.1:9090"));
    }
  }

  @Test
  void theDryRunScenarioOverridesTheModeAndEnablesItLater() throws IOException {
    Scenario scenario = Scenario.load(SCENARIOS.resolve("dry-run.yaml"));
    BreakerConfig config = SandboxBreakerConfig.load(scenario.breakerConfig(), "ns", "http://p:9090", scenario.mode());

    assertThat(config.getSpec().mode).isEqualTo(Mode.DryRun);
    assertThat(scenario.steps()).extracting(ScenarioStep::mode).containsExactly(null, Mode.Enabled);
  }

  @Test
  void readsAllPodsLatencyAndFlappingAndSortsTheSteps() throws IOException {
    Scenario scenario = Scenario.load(write("""
        breakerConfig: bc.yaml
        duration: 30s
        steps:
          - at: 20s
            pods: all
            latency: 300ms
            flapEvery: 2s
          - at: 5s
            pods: [2]
            errorRate: 0.3
        """));

    assertThat(scenario.breakerConfig()).isEqualTo(dir.resolve("bc.yaml"));
    assertThat(scenario.requestsPerSecond()).isEqualTo(200);
    assertThat(scenario.steps()).extracting(ScenarioStep::at).containsExactly(Duration.ofSeconds(5),
        Duration.ofSeconds(20));
    assertThat(scenario.steps().get(1).pods()).isEqualTo(PodSelection.ALL);
    assertThat(scenario.steps().get(1).behaviour())
        .isEqualTo(new Behaviour(0, Duration.ofMillis(300), Duration.ofSeconds(2)));
  }

  @Test
  void aMistakeNamesTheFileAndTheField() throws IOException {
    assertThatThrownBy(() -> Scenario.load(write("duration: 30s\n")))
        .hasMessageContaining("scenario.yaml").hasMessageContaining("breakerConfig is required");
    assertThatThrownBy(() -> Scenario.load(write("breakerConfig: b.yaml\nsteps:\n  - at: 5s\n    pods: [12]\n")))
        .hasMessageContaining("steps[0]").hasMessageContaining("pod index 12 is outside the fleet of 10 pods");
    assertThatThrownBy(() -> Scenario.load(write("breakerConfig: b.yaml\nsteps:\n  - at: soon\n    pods: all\n")))
        .hasMessageContaining("steps[0]: at:");
    assertThatThrownBy(() -> Scenario.load(write("breakerConfig: b.yaml\nduration: 10s\nsteps:\n  - at: 10s\n"
        + "    pods: all\n"))).hasMessageContaining("not before the scenario's end");
    assertThatThrownBy(() -> Scenario.load(write("breakerConfig: b.yaml\nsteps:\n  - at: 1s\n    say: hi\n")))
        .hasMessageContaining("a step needs pods");
    assertThatThrownBy(() -> Scenario.load(write("breakerConfig: b.yaml\nerrorRate: 1\n")))
        .hasMessageContaining("errorRate");
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("scenario.yaml"), yaml);
  }
}
