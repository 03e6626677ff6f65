package io.kubervisor.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;

/**
 * Requests by the tenth of a second in which they ended: how many, how many failed, their summed latency. Any range
 * of the kept history can be measured afterwards, to the tenth of a second. Thread-safe.
 */
public final class RequestHistory {

  /** Requests of a time range; its rates are 0 when it holds no request. */
  public record Totals(long requests, long errors, double latencySum) {

    public static final Totals NONE = new Totals(0, 0, 0);

    public double errorRate() {
      return requests == 0 ? 0 : (double) errors / requests;
    }

    public double meanLatencySeconds() {
      return requests == 0 ? 0 : latencySum / requests;
    }

    Totals plus(Totals other) {
      return new Totals(requests + other.requests, errors + other.errors, latencySum + other.latencySum);
    }
  }

  private static final long BUCKET_MILLIS = 100;

  private final TreeMap<Long, Totals> buckets = new TreeMap<>();
  private final Duration retention;

  /** Keeps everything: for the clients' view of a run, measured at its end. */
  public RequestHistory() {
    this(null);
  }

  /** @param retention how far back ranges are measured; older requests are forgotten (null: never) */
  public RequestHistory(Duration retention) {
    this.retention = retention;
  }

  public synchronized void record(Instant at, Outcome outcome) {
    long bucket = bucket(at);
    buckets.merge(bucket, new Totals(1, outcome.failed() ? 1 : 0, outcome.latencySeconds()), Totals::plus);
    if (retention != null) {
      buckets.headMap(bucket - retention.toMillis() / BUCKET_MILLIS).clear();
    }
  }

  /**
   * The requests that ended in [from, to), to the tenth of a second: the tenth in which a range starts is its own, the
   * tenth in which it ends is the next range's. So a range that ends at a fault holds none of the fault's requests.
   */
  public synchronized Totals between(Instant from, Instant to) {
    long first = bucket(from);
    long end = bucket(to);
    Totals total = Totals.NONE;
    if (first < end) {
      for (Totals bucket : buckets.subMap(first, end).values()) {
        total = total.plus(bucket);
      }
    }
    return total;
  }

  /** The last {@code window} before {@code now}, not counting the tenth of a second in progress. */
  public Totals last(Duration window, Instant now) {
    Instant end = Instant.ofEpochMilli(bucket(now) * BUCKET_MILLIS);
    return between(end.minus(window), end);
  }

  private static long bucket(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), BUCKET_MILLIS);
  }
}
