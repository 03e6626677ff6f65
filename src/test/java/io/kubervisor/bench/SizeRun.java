package io.kubervisor.bench;

import io.kubervisor.testing.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One size, from an empty machine to a stopped world: builds the world, launches the operator, times its start-up,
 * waits for the steady state, measures the window, forces a full collection, injects the faults, stops the operator
 * and reads its API calls from the audit log. Keeps a heap histogram, and a heap dump if asked; with {@code profile},
 * a JFR recording and a thread dump of the operator.
 */
final class SizeRun {

  private final FleetLayout layout;
  private final ChartRuntime chart;
  private final ImageRuntime image;
  private final Duration settle;
  private final Duration window;
  private final int faultCount;
  private final boolean profile;
  private final boolean heapDump;
  private final Path out;
  private final Path jar;
  private final Consumer<String> progress;

  private World.BuildTimes build;
  private Startup startup;
  private SteadyWindow steady;
  private JvmDiagnostics.Heap heap;
  private Long rssAfterGc;
  private JvmDiagnostics.Flags flags;
  private ApiCalls apiAtStartup;
  private ApiCalls apiInWindow;
  private Faults faults;
  private Double shutdownSeconds;

  SizeRun(FleetLayout layout, ChartRuntime chart, ImageRuntime image, BenchOptions options, boolean profile,
      Consumer<String> progress) {
    this.layout = layout;
    this.chart = chart;
    this.image = image;
    this.settle = options.settle();
    this.window = options.window();
    this.faultCount = options.faults();
    this.profile = profile;
    this.heapDump = options.heapDump();
    this.out = options.out();
    this.jar = options.jar();
    this.progress = message -> progress.accept(layout.pods() + " pods: " + message);
  }

  SizeResult run() {
    String error = null;
    try (World world = World.build(layout, progress);
        TrafficExits trafficExits = new TrafficExits(world.client());
        SliceExits sliceExits = new SliceExits(world.client())) {
      build = world.buildTimes();
      progress.accept(String.format("world built in %.0f s; launching the operator", build.total()));
      BenchOperator operator = BenchOperator.launch(jar, world, chart, image);
      try {
        measure(world, operator, trafficExits, sliceExits);
      } finally {
        operator.close();
        operator.saveLog(artifact("operator", "log"));
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
      progress.accept("failed: " + error);
    }
    return new SizeResult(layout.pods(), layout.breakerConfigs(), layout.namespaces().size(), build, startup, steady,
        heap, rssAfterGc, flags, apiAtStartup, apiInWindow,
        apiInWindow == null ? null : apiInWindow.writesPerMinute(),
        apiInWindow == null ? null : apiInWindow.otherWritesPerMinute(),
        layout.breakerConfigs() / (double) BenchBreakerConfig.PERIOD.toSeconds(), faults, shutdownSeconds, error);
  }

  private void measure(World world, BenchOperator operator, TrafficExits trafficExits, SliceExits sliceExits)
      throws IOException, InterruptedException {
    startup = Startup.measure(operator, layout.breakerConfigs());
    progress.accept(String.format("first evaluation %.1f s after launch, every BreakerConfig after %.1f s",
        startup.firstEvaluationSeconds(), startup.allEvaluatedSeconds()));
    JvmDiagnostics jvm = new JvmDiagnostics(operator.pid());
    if (profile) {
      // Once started: JFR's own start, with the JVM, would count in the operator's start-up.
      jvm.startRecording();
    }
    FleetJudged.waitFor(world, operator);
    progress.accept("every pod judged; settling for " + settle.toSeconds() + " s, then measuring a window of "
        + window.toSeconds() + " s");
    operator.runFor(settle);
    steady = SteadyWindow.measure(operator, world.prometheus(), window);

    if (profile) {
      jvm.threadDump(artifact("threads", "txt"));
    }
    // At every size: two sizes' histograms side by side show which classes grow with the pods.
    heap = jvm.afterFullGc(artifact("heap-histogram", "txt"));
    rssAfterGc = new ProcessStats(operator.pid()).rssBytes();
    flags = jvm.flags();
    if (heapDump) {
      jvm.heapDump(artifact("heap", "hprof"));
    }

    List<FaultInjection.Fault> chosen = FaultInjection.choose(world, faultCount);
    progress.accept("making " + chosen.size() + " pods bad");
    faults = new FaultInjection(world, trafficExits, sliceExits).run(chosen);
    if (profile) {
      jvm.dumpRecording(artifact("operator", "jfr"));
    }
    operator.checkAlive();
    shutdownSeconds = operator.terminate();

    List<AuditLog.Entry> audit = AuditLog.of(world.plane()).entries();
    apiAtStartup = ApiCalls.between(audit, World.OPERATOR_USER, operator.launchInstant(), steady.start());
    apiInWindow = ApiCalls.between(audit, World.OPERATOR_USER, steady.start(), steady.end());
  }

  /** A file of the output directory, which a clean of the working tree may have removed meanwhile. */
  private Path artifact(String name, String extension) throws IOException {
    return Files.createDirectories(out).resolve(name + "-" + layout.pods() + "." + extension);
  }
}
