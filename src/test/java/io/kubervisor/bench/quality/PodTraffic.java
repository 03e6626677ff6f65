package io.kubervisor.bench.quality;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client requests one pod served, as the pod counted them, by when they arrived. Counted on the run's clock as
 * they come and placed on the scenario's timeline only when asked: the pods serve before the scenario starts (the
 * policy's warm-up), and those requests must not land in its first seconds.
 */
final class PodTraffic {

  /** The resolution the runs are measured at. */
  static final Duration BUCKET = Duration.ofMillis(100);
  /** Finer than {@link #BUCKET}, since the scenario starts at any instant of the run's clock. */
  private static final long SLOT_NANOS = Duration.ofMillis(5).toNanos();

  private final RunClock clock;
  private final TreeMap<Long, long[]> slots = new TreeMap<>();

  PodTraffic(RunClock clock) {
    this.clock = clock;
  }

  synchronized void record(boolean failed) {
    long[] counts = slots.computeIfAbsent(slot(clock.now()), key -> new long[2]);
    counts[0]++;
    if (failed) {
      counts[1]++;
    }
  }

  /** Requests served in [from, to) from the scenario's start. */
  synchronized long requests(Duration from, Duration to) {
    return sum(from, to, 0);
  }

  /** Of which failed. */
  synchronized long errors(Duration from, Duration to) {
    return sum(from, to, 1);
  }

  private long sum(Duration from, Duration to, int column) {
    long total = 0;
    for (Map.Entry<Long, long[]> entry : slots.subMap(slot(clock.at(from)), slot(clock.at(to))).entrySet()) {
      total += entry.getValue()[column];
    }
    return total;
  }

  private static long slot(long nanos) {
    return Math.floorDiv(nanos, SLOT_NANOS);
  }
}
