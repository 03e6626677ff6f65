package io.kubervisor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale benchmark (src/bench/scale.sh): each size in a world of its own, one after the other; then the markdown
 * table on stdout, the JSON report and the plots. Exits 1 when a size failed to run, whatever the targets' verdicts.
 */
public final class ScaleBenchmark {

  private static final PrintStream OUT = System.out;

  private ScaleBenchmark() {}

  public static void main(String[] args) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.help()) {
      OUT.print(BenchOptions.USAGE);
      System.exit(0);
    }
    try {
      BenchReport report = run(options);
      System.exit(report.sizes().stream().allMatch(size -> size.error() == null) ? 0 : 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    } catch (IOException | RuntimeException e) {
      System.err.println("error: " + e);
      System.exit(1);
    }
  }

  /** Runs every size, prints the table and writes the JSON and the plots. */
  static BenchReport run(BenchOptions options) throws IOException, InterruptedException {
    if (!Files.isRegularFile(options.jar())) {
      throw new IllegalStateException(options.jar() + " is missing; build it with: mvn -q package -DskipTests");
    }
    String startedAt = Instant.now().toString();
    Machine machine = Machine.current();
    ChartRuntime chart = ChartRuntime.fromChart(options.memoryLimit(), options.pinned());
    ImageRuntime image = ImageRuntime.prepare(options.jar());
    Files.createDirectories(options.out());
    int largest = options.sizes().get(options.sizes().size() - 1);
    List<SizeResult> sizes = new ArrayList<>();
    try {
      for (int pods : options.sizes()) {
        FleetLayout layout = FleetLayout.of(pods, options.servicesPerNamespace(), options.breakerConfigs());
        sizes.add(new SizeRun(layout, chart, image, options, pods == largest, ScaleBenchmark::progress).run());
      }
    } finally {
      chart.cpuLimit().release();
    }
    BenchReport report = new BenchReport(startedAt, machine, chart, image, BenchReport.Settings.of(options), sizes,
        Targets.judge(sizes), options.out().toString());
    Plots.write(report, Files.createDirectories(options.out()));
    Path json = options.json();
    if (json.getParent() != null) {
      Files.createDirectories(json.getParent());
    }
    new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
    OUT.println();
    OUT.print(MarkdownReport.of(report));
    OUT.println();
    OUT.println("JSON: " + json);
    OUT.println("Plots, operator logs and the profile of " + largest + " pods: " + options.out());
    return report;
  }

  private static void progress(String message) {
    OUT.println("[bench] " + message);
  }
}
