package io.kubervisor.bench.quality;

import java.time.Duration;

/**
 * The time of one run on the monotonic clock: what the pods and the clients record is measured from the scenario's
 * start, and what came before it (the policy's warm-up) is negative.
 */
final class RunClock {

  private final long origin = System.nanoTime();
  private volatile long start = origin;

  /** The scenario starts now. */
  void markStart() {
    start = System.nanoTime();
  }

  /** Now, in nanoseconds since the origin. */
  long now() {
    return System.nanoTime() - origin;
  }

  /** A time of {@link #now()}, from the scenario's start. */
  Duration sinceStart(long at) {
    return Duration.ofNanos(at - (start - origin));
  }
}
