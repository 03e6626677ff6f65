package io.kubervisor.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubervisor.sandbox.Behaviour;
import io.kubervisor.sandbox.PodSelection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decision-quality benchmark at smoke size: one short scenario (a pod failing half of its requests for 15 s),
 * no protection and kubervisor, to its end. Checks that the JSON and the plot are written and well formed; no
 * measured number is asserted, since machines differ: src/bench/quality.sh runs the real scenarios.
 */
class QualitySmokeIT {

  private static final Path OUT = Path.of("target/bench/quality-smoke");

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void playsOneScenarioUnderTwoPoliciesAndWritesTheReport() throws Exception {
    QualityScenario smoke = new QualityScenario("smoke", "one pod fails half of its requests", 10, 200,
        Duration.ofSeconds(30), List.of(
            new TraceStep(Duration.ofSeconds(10), PodSelection.of(List.of(3)), new Behaviour(0.5, null, null), 0,
                false, FaultKind.POD, "pod 3 fails half of its requests"),
            new TraceStep(Duration.ofSeconds(25), PodSelection.of(List.of(3)), Behaviour.HEALTHY, 0, false,
                FaultKind.NONE, "healthy again")));

    QualityBenchmark.run(new QualityOptions(List.of(smoke), List.of("none", "kubervisor"), 1, OUT,
        Path.of("target/kubervisor.jar"), null, false));

    JsonNode report = new ObjectMapper().readTree(OUT.resolve("quality.json").toFile());
    assertThat(report.path("scenarios")).hasSize(1);
    assertThat(report.at("/scenarios/0/runs")).hasSize(2).allSatisfy(run -> {
      assertThat(run.path("error").isNull()).as("the run of %s ended: %s", run.path("policy"), run.path("error"))
          .isTrue();
      assertThat(run.path("phases")).hasSize(3);
      assertThat(run.path("errorRateBySecond")).hasSize(30);
    });
    assertThat(report.path("targets")).isNotEmpty();
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(OUT.resolve("smoke.svg").toFile());
  }
}
