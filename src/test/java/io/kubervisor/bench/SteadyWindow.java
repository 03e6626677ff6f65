package io.kubervisor.bench;

import io.kubervisor.testing.LocalPrometheus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The operator over a window with no fault: its mean CPU, threads, memory and evaluations, and the queries Prometheus
 * answered meanwhile (only the operator's: the benchmark queries nothing during the window). Threads and memory are
 * sampled every few seconds; their last sample and their highest are kept.
 *
 * @param cpuCores CPU seconds used per second of the window
 * @param evaluations evaluations of every BreakerConfig during the window
 * @param cpuMillisPerEvaluation null when nothing evaluated
 */
record SteadyWindow(Instant start, Instant end, double seconds, double cpuCores, double evaluations,
    Double cpuMillisPerEvaluation, int threads, int threadsMax, long rssBytes, long rssMaxBytes,
    double prometheusQueriesPerSecond) {

  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

  static SteadyWindow measure(BenchOperator operator, LocalPrometheus prometheus, Duration window)
      throws IOException, InterruptedException {
    ProcessStats stats = new ProcessStats(operator.pid());
    double evaluationsBefore = Evaluations.of(operator.process()).total();
    double queriesBefore = PrometheusQueries.answered(prometheus);
    Instant start = Instant.now();
    long begin = System.nanoTime();
    double cpuBefore = stats.cpuSeconds();
    long end = begin + window.toNanos();
    int threads = stats.threads();
    int threadsMax = threads;
    long rss = stats.rssBytes();
    long rssMax = rss;
    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
      // Pacing the window, not waiting for a condition.
      Thread.sleep(Math.min(SAMPLE_EVERY.toMillis(), Math.max(1, (end - now) / 1_000_000)));
      operator.checkAlive();
      threads = stats.threads();
      threadsMax = Math.max(threadsMax, threads);
      rss = stats.rssBytes();
      rssMax = Math.max(rssMax, rss);
    }
    double cpu = stats.cpuSeconds() - cpuBefore;
    double seconds = (System.nanoTime() - begin) / 1e9;
    Instant finish = Instant.now();
    double queries = PrometheusQueries.answered(prometheus) - queriesBefore;
    double evaluations = Evaluations.of(operator.process()).total() - evaluationsBefore;
    return new SteadyWindow(start, finish, seconds, cpu / seconds, evaluations,
        evaluations == 0 ? null : cpu * 1000 / evaluations, threads, threadsMax, rss, rssMax,
        queries / seconds);
  }
}
