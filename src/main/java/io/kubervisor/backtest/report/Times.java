package io.kubervisor.backtest.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times in UTC, without the date when the whole window is within one day, and durations as kubectl writes them. */
final class Times {

  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final boolean oneDay;

  Times(Instant from, Instant to) {
    oneDay = from.truncatedTo(ChronoUnit.DAYS).equals(to.truncatedTo(ChronoUnit.DAYS));
  }

  String format(Instant instant) {
    return (oneDay ? TIME : FULL).format(instant);
  }

  static String full(Instant instant) {
    return FULL.format(instant);
  }

  /** {@code 500ms}, {@code 45s}, {@code 3m12s}, {@code 2h5m}, {@code 4d3h}. */
  static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds < 60) {
      return millis % 1000 == 0 ? seconds + "s" : String.format("%.1fs", millis / 1000.0);
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
    if (seconds < 86_400) {
      return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
    }
    return seconds / 86_400 + "d" + (seconds % 86_400 / 3600 == 0 ? "" : seconds % 86_400 / 3600 + "h");
  }
}
