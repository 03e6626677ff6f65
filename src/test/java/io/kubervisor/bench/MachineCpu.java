package io.kubervisor.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.awaitility.core.ConditionTimeoutException;

/**
 * How busy the machine's CPUs are, from /proc/stat: the operator is launched once the world's own work (controllers
 * settling 10,000 new pods and their EndpointSlices, Prometheus ingesting their first series) has died down, as an
 * operator restarts in a running cluster, so that its start-up measures the operator, not the world's creation.
 */
final class MachineCpu {

  private MachineCpu() {}

  /**
   * Waits until the machine's CPUs were less than {@code busyShare} busy over one {@code window}, at most {@code max}.
   *
   * @return the seconds waited; {@code max} if it never got that quiet (the launch goes on)
   */
  static double awaitQuiet(double busyShare, Duration window, Duration max) throws IOException {
    long begin = System.nanoTime();
    long[] previous = {0, 0};
    long[] first = ticks();
    previous[0] = first[0];
    previous[1] = first[1];
    try {
      await("the machine quiet").atMost(max).pollDelay(window).pollInterval(window).until(() -> {
        long[] now = ticks();
        double busy = 1 - (double) (now[1] - previous[1]) / Math.max(1, now[0] - previous[0]);
        previous[0] = now[0];
        previous[1] = now[1];
        return busy < busyShare;
      });
    } catch (ConditionTimeoutException stillBusy) {
      return max.toMillis() / 1000.0;
    }
    return (System.nanoTime() - begin) / 1e9;
  }

  /** All CPUs' ticks since boot: in all, and idle (idle and iowait). */
  private static long[] ticks() throws IOException {
    String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
    long[] fields = Arrays.stream(line.substring("cpu".length()).trim().split("\\s+")).limit(8)
        .mapToLong(Long::parseLong).toArray();
    return new long[] {Arrays.stream(fields).sum(), fields[3] + fields[4]};
  }
}
