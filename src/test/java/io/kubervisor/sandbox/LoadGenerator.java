package io.kubervisor.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A steady stream of client requests at a fixed rate. Each tick sends what the rate owes since the start, so a late
 * tick catches up instead of lowering the rate.
 */
public final class LoadGenerator implements AutoCloseable {

  private static final Duration TICK = Duration.ofMillis(10);

  private final Runnable request;
  private final double perSecond;
  private final Clock clock;
  private Instant start;
  private long sent;
  private ScheduledExecutorService ticker;

  public LoadGenerator(Runnable request, double perSecond, Clock clock) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("the request rate must be positive, was " + perSecond);
    }
    this.request = request;
    this.perSecond = perSecond;
    this.clock = clock;
  }

  /** Sends what is due now; the first call starts the stream. */
  public synchronized void tick() {
    Instant now = clock.instant();
    if (start == null) {
      start = now;
    }
    long due = (long) (perSecond * Duration.between(start, now).toNanos() / 1e9);
    for (; sent < due; sent++) {
      request.run();
    }
  }

  public synchronized long sent() {
    return sent;
  }

  /** Ticks on a thread of its own until closed. */
  public synchronized void start() {
    if (ticker == null) {
      ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "load-generator");
        thread.setDaemon(true);
        return thread;
      });
      ticker.scheduleAtFixedRate(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Stops the stream; no request is sent once it returns. */
  @Override
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      stopping = ticker;
    }
    if (stopping != null) {
      stopping.shutdownNow();
      try {
        stopping.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
