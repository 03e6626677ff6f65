package io.kubervisor.bench;

import static org.awaitility.Awaitility.await;

import io.kubervisor.it.OperatorProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's start-up, in seconds from the launch of its JVM: ready (its caches synced), its first evaluation, and
 * every BreakerConfig evaluated. Read from its HTTP port: often until the first evaluation, then less often, since
 * /metrics grows with the BreakerConfigs and each read of it costs the operator CPU it would start with.
 */
record Startup(double readySeconds, double firstEvaluationSeconds, double allEvaluatedSeconds) {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  static Startup measure(BenchOperator operator, int breakerConfigs) {
    AtomicLong ready = new AtomicLong();
    AtomicLong first = new AtomicLong();
    await("the operator's first evaluation").atMost(TIMEOUT).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200)).dontCatchUncaughtExceptions()
        .until(() -> {
          operator.checkAlive();
          if (ready.get() == 0 && isReady(operator.process())) {
            ready.set(System.nanoTime());
          }
          if (first.get() == 0 && evaluations(operator.process()).total() > 0) {
            first.set(System.nanoTime());
          }
          return ready.get() != 0 && first.get() != 0;
        });
    await("every BreakerConfig evaluated").atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(Math.max(1000, breakerConfigs * 10L)))
        .dontCatchUncaughtExceptions()
        .until(() -> {
          operator.checkAlive();
          return evaluations(operator.process()).breakerConfigs() >= breakerConfigs;
        });
    long all = System.nanoTime();
    long launch = operator.launchNanos();
    return new Startup(seconds(launch, ready.get()), seconds(launch, first.get()), seconds(launch, all));
  }

  private static boolean isReady(OperatorProcess operator) throws InterruptedException {
    try {
      return operator.get("/health/ready").statusCode() == 200;
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  private static Evaluations evaluations(OperatorProcess operator) {
    try {
      return Evaluations.of(operator);
    } catch (IOException notListeningYet) {
      return new Evaluations(0, 0);
    }
  }

  private static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }
}
