package io.kubervisor.bench;

import static org.awaitility.Awaitility.await;

import io.kubervisor.it.OperatorProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operator's jar as the image and the chart run it, under its own user. */
final class BenchOperator implements AutoCloseable {

  private final OperatorProcess process;
  private final long launchNanos;
  private final Instant launchInstant;

  private BenchOperator(OperatorProcess process, long launchNanos, Instant launchInstant) {
    this.process = process;
    this.launchNanos = launchNanos;
    this.launchInstant = launchInstant;
  }

  static BenchOperator launch(Path jar, World world, ChartRuntime chart, ImageRuntime image)
      throws IOException {
    List<String> jvmOptions = new ArrayList<>(image.jvmOptions());
    jvmOptions.addAll(chart.jvmOptions());
    // A measurement flag, not the chart's: the serial collector's full GC may leave up to 5 % of the old generation
    // uncompacted as dead space filled with int[] (its "dead wood"), which a class histogram counts as live. Seen as
    // 10-12 MB of unreferenced int[] at 10,000 pods in about half of the runs.
    jvmOptions.add("-XX:MarkSweepDeadRatio=0");
    Path kubeconfig = world.operatorKubeconfig();
    Instant launchInstant = Instant.now();
    long launch = System.nanoTime();
    OperatorProcess process = OperatorProcess.start(jar, kubeconfig, Map.of(), jvmOptions, chart.launcher(),
        chart.environment(World.LEASE_NAMESPACE));
    return new BenchOperator(process, launch, launchInstant);
  }

  OperatorProcess process() {
    return process;
  }

  long pid() {
    return process.pid();
  }

  /** When its JVM was launched (System.nanoTime). */
  long launchNanos() {
    return launchNanos;
  }

  /** The same moment, on the wall clock the audit log uses. */
  Instant launchInstant() {
    return launchInstant;
  }

  /** Fails with the end of its log if it has exited: nothing measured after that would mean anything. */
  void checkAlive() {
    if (!process.isAlive()) {
      List<String> log = process.log();
      throw new IllegalStateException("the operator exited; the end of its log:\n"
          + String.join("\n", log.subList(Math.max(0, log.size() - 20), log.size())));
    }
  }

  /** Lets it run for this long, failing as soon as it exits. */
  void runFor(Duration duration) {
    await("the operator alive for " + duration).during(duration).atMost(duration.plusSeconds(5))
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).untilAsserted(this::checkAlive);
  }

  /** SIGTERM; returns how long it took to exit, in seconds. */
  double terminate() throws InterruptedException {
    long begin = System.nanoTime();
    process.terminate();
    return (System.nanoTime() - begin) / 1e9;
  }

  void saveLog(Path file) throws IOException {
    Files.write(file, process.log());
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
