package io.kubervisor.bench.quality;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The client requests one pod served, by the tenth of a second from the scenario's start, as the pod counted them. */
final class PodTraffic {

  static final Duration BUCKET = Duration.ofMillis(100);

  private final RunClock clock;
  private final TreeMap<Long, long[]> buckets = new TreeMap<>();

  PodTraffic(RunClock clock) {
    this.clock = clock;
  }

  synchronized void record(boolean failed) {
    long[] counts = buckets.computeIfAbsent(bucket(clock.sinceStart(clock.now())), key -> new long[2]);
    counts[0]++;
    if (failed) {
      counts[1]++;
    }
  }

  /** Requests served in [from, to), to the tenth of a second. */
  synchronized long requests(Duration from, Duration to) {
    return sum(from, to, 0);
  }

  /** Of which failed. */
  synchronized long errors(Duration from, Duration to) {
    return sum(from, to, 1);
  }

  private long sum(Duration from, Duration to, int column) {
    long total = 0;
    for (Map.Entry<Long, long[]> entry : buckets.subMap(bucket(from), bucket(to)).entrySet()) {
      total += entry.getValue()[column];
    }
    return total;
  }

  private static long bucket(Duration sinceStart) {
    return Math.floorDiv(sinceStart.toNanos(), BUCKET.toNanos());
  }
}
