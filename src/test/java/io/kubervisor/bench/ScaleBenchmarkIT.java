package io.kubervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scale benchmark at a smoke size (500 pods, 25 BreakerConfigs, a 20 s window): it runs to its end and writes a
 * well-formed report and plots. No measured number is asserted, since machines differ; src/bench/scale.sh runs the
 * real sizes (docs/benchmarks.md).
 */
class ScaleBenchmarkIT {

  private static final Path OUT = Path.of("target/bench/smoke");

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void runsASmokeSizeAndWritesItsReport() throws Exception {
    Path json = OUT.resolve("scale.json");
    Path profile = OUT.resolve("operator-500.jfr");
    Files.deleteIfExists(profile);
    ScaleBenchmark.run(BenchOptions.parse("500", "--settle", "5s", "--window", "20s", "--faults", "10", "--json",
        json.toString(), "--out", OUT.toString()));

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("machine").path("commit").asText()).isNotEmpty();
    assertThat(report.path("sizes")).hasSize(1);
    JsonNode size = report.path("sizes").get(0);
    assertThat(size.path("error").isNull()).as("the smoke size ran to its end: %s", size.path("error")).isTrue();
    assertThat(size.path("pods").asInt()).isEqualTo(500);
    assertThat(size.path("breakerConfigs").asInt()).isEqualTo(25);
    for (String measurement : List.of("/build/total", "/startup/firstEvaluationSeconds",
        "/startup/allEvaluatedSeconds", "/window/cpuCores", "/window/threadsMax", "/window/rssBytes",
        "/window/prometheusQueriesPerSecond", "/heapAfterGc/usedBytes", "/jvm/maxHeapBytes",
        "/apiInWindow/writes", "/writesPerMinute", "/faults/injected", "/shutdownSeconds")) {
      assertThat(size.at(measurement).isNumber()).as(measurement + " in %s", size).isTrue();
    }
    // The API targets read the audit log for the operator's identity: without its calls they would all read "met".
    assertThat(size.at("/apiAtStartup/byVerbAndResource/list pods").asInt()).as("the operator's pod LIST").isOne();
    assertThat(size.at("/apiAtStartup/byVerbAndResource/patch breakerconfigs~1status").asInt())
        .as("the operator's first status writes").isGreaterThanOrEqualTo(25);
    assertThat(size.at("/apiInWindow/leaseWrites").asInt()).as("the operator's Lease renewals").isPositive();
    assertThat(report.at("/chart/cpuLimit/kind").asText()).isIn("cfs-quota", "taskset", "none");
    assertThat(profile).as("the JFR recording started once the start-up was measured").isNotEmptyFile();
    assertThat(size.at("/faults/timings")).hasSize(size.at("/faults/injected").asInt());
    assertThat(report.path("targets")).isNotEmpty().allSatisfy(target -> {
      assertThat(target.path("target").asText()).isNotEmpty();
      assertThat(target.path("verdict").asText()).isNotEmpty();
    });

    try (Stream<Path> files = Files.list(OUT)) {
      List<Path> plots = files.filter(file -> file.toString().endsWith(".svg")).toList();
      assertThat(plots).isNotEmpty();
      for (Path plot : plots) {
        // Parses as XML, so a browser can draw it.
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(plot.toFile());
      }
    }
  }
}
