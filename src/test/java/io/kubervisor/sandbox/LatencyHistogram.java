package io.kubervisor.sandbox;

import java.util.Locale;

/** A Prometheus histogram of request durations, with the client libraries' default buckets. Not thread-safe. */
final class LatencyHistogram {

  private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final long[] counts = new long[BOUNDS.length];
  private long count;
  private double sum;

  void observe(double seconds) {
    for (int i = 0; i < BOUNDS.length; i++) {
      if (seconds <= BOUNDS[i]) {
        counts[i]++;
      }
    }
    count++;
    sum += seconds;
  }

  /** The {@code _bucket}, {@code _sum} and {@code _count} lines of the series with these labels. */
  void appendTo(StringBuilder out, String name, String labels) {
    for (int i = 0; i < BOUNDS.length; i++) {
      out.append(name).append("_bucket{").append(labels).append(",le=\"").append(format(BOUNDS[i])).append("\"} ")
          .append(counts[i]).append('\n');
    }
    out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count).append('\n');
    out.append(name).append("_sum{").append(labels).append("} ").append(format(sum)).append('\n');
    out.append(name).append("_count{").append(labels).append("} ").append(count).append('\n');
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }
}
