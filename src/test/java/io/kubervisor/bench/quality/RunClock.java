package io.kubervisor.bench.quality;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time of one run on the monotonic clock: what the pods and the clients record is measured from the scenario's
 * start, and what came before it (the policy's warm-up) is negative.
 */
final class RunClock {

  private final LongSupplier nanoTime;
  private final long origin;
  private volatile long start;

  RunClock() {
    this(System::nanoTime);
  }

  RunClock(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.origin = nanoTime.getAsLong();
    this.start = origin;
  }

  /** The scenario starts now. */
  void markStart() {
    start = nanoTime.getAsLong();
  }

  /** Now, in nanoseconds since the origin. */
  long now() {
    return nanoTime.getAsLong() - origin;
  }

  /** A time from the scenario's start, on the scale of {@link #now()}. */
  long at(Duration sinceStart) {
    return sinceStart.toNanos() + (start - origin);
  }

  /** A time of {@link #now()}, from the scenario's start. */
  Duration sinceStart(long at) {
    return Duration.ofNanos(at - (start - origin));
  }
}
