package io.kubervisor.bench;

import static org.awaitility.Awaitility.await;

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
    Samples samples = new Samples(stats.threads(), stats.rssBytes());
    // The window is a span of time: the operator must stay alive through it, sampled every SAMPLE_EVERY.
    await("the operator alive through the window").during(window).atMost(window.plusSeconds(10))
        .pollDelay(Duration.ZERO).pollInterval(SAMPLE_EVERY).untilAsserted(() -> {
          operator.checkAlive();
          samples.add(stats.threads(), stats.rssBytes());
        });
    double cpu = stats.cpuSeconds() - cpuBefore;
    double seconds = (System.nanoTime() - begin) / 1e9;
    Instant finish = Instant.now();
    double queries = PrometheusQueries.answered(prometheus) - queriesBefore;
    double evaluations = Evaluations.of(operator.process()).total() - evaluationsBefore;
    return new SteadyWindow(start, finish, seconds, cpu / seconds, evaluations,
        evaluations == 0 ? null : cpu * 1000 / evaluations, samples.threads, samples.threadsMax, samples.rss,
        samples.rssMax,
        queries / seconds);
  }

  /** The latest and the largest thread count and RSS seen in the window. */
  private static final class Samples {
    int threads;
    int threadsMax;
    long rss;
    long rssMax;

    Samples(int threads, long rss) {
      add(threads, rss);
    }

    void add(int threadsNow, long rssNow) {
      threads = threadsNow;
      threadsMax = Math.max(threadsMax, threadsNow);
      rss = rssNow;
      rssMax = Math.max(rssMax, rssNow);
    }
  }
}
