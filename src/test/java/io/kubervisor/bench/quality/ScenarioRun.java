package io.kubervisor.bench.quality;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One scenario under one policy: the policy opened in front of the scenario's pods, the request stream started, the
 * policy's warm-up, then the trace played step by step while the clients' outcomes are logged, and the run measured.
 */
final class ScenarioRun {

  /** Healthy traffic before the scenario starts, once the policy is ready: connections, counters and windows fill. */
  static final Duration WARM_UP = Duration.ofSeconds(10);

  private final Policy policy;
  private final QualityScenario scenario;
  private final long seed;
  private final Consumer<String> progress;

  ScenarioRun(Policy policy, QualityScenario scenario, long seed, Consumer<String> progress) {
    this.policy = policy;
    this.scenario = scenario;
    this.seed = seed;
    this.progress = progress;
  }

  /** Plays and measures; a failure is the result's error, so one policy's trouble does not stop the others. */
  RunResult play(Path dir) {
    try {
      return measure(Files.createDirectories(dir));
    } catch (IOException | RuntimeException e) {
      progress.accept(policy.name() + " on " + scenario.name() + " failed: " + e);
      return RunResult.failed(policy.name(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RunResult.failed(policy.name(), "interrupted");
    }
  }

  private RunResult measure(Path dir) throws IOException, InterruptedException {
    RunClock clock = new RunClock();
    try (PolicySession session = policy.open(scenario, seed, clock, dir);
        LoadDriver load = new LoadDriver(session.router(), scenario.requestsPerSecond(), clock)) {
      load.start();
      session.awaitReady();
      pace(WARM_UP);
      progress.accept(policy.name() + " on " + scenario.name() + ": playing " + scenario.duration().toSeconds()
          + " s");
      clock.markStart();
      ScheduledExecutorService steps = Executors.newSingleThreadScheduledExecutor();
      try {
        for (TraceStep step : scenario.steps()) {
          steps.schedule(() -> play(step, session), step.at().toMillis(), TimeUnit.MILLISECONDS);
        }
        pace(scenario.duration());
      } finally {
        steps.shutdownNow();
      }
      load.close();
      await("the last requests end").atMost(HttpGet.DEADLINE.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
          .until(() -> load.log().inFlight() == 0);
      return new Measure(scenario, session.fleet(), clock).of(policy.name(), load.log(), session.notes());
    }
  }

  private void play(TraceStep step, PolicySession session) {
    try {
      if (step.starts()) {
        for (int index : step.pods().indexes()) {
          session.startPod(index);
        }
      }
      session.fleet().apply(step);
    } catch (IOException | RuntimeException e) {
      progress.accept("the step \"" + step.say() + "\" failed: " + e);
    }
  }

  /** The scenario's own timeline: the time passing is what is measured. */
  private static void pace(Duration duration) {
    Instant due = Instant.now().plus(duration);
    await("the scenario's clock at " + due).atMost(duration.plusSeconds(5)).pollInterval(Duration.ofMillis(10))
        .until(() -> !Instant.now().isBefore(due));
  }
}
