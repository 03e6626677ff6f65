package io.kubervisor.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Durations as kubectl shows ages: {@code 45s}, {@code 3m12s}, {@code 2h5m}, {@code 4d3h}. */
final class Ages {

  private Ages() {}

  static String format(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
    if (seconds < 86_400) {
      return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
    }
    return seconds / 86_400 + "d" + (seconds % 86_400 / 3600 == 0 ? "" : seconds % 86_400 / 3600 + "h");
  }

  /** {@code 12s ago} or {@code in 12s} for an RFC 3339 time; the text itself if it is not one; null for null. */
  static String relative(String time, Instant now) {
    if (time == null) {
      return null;
    }
    try {
      Instant instant = Instant.parse(time);
      return instant.isAfter(now) ? "in " + format(Duration.between(now, instant))
          : format(Duration.between(instant, now)) + " ago";
    } catch (DateTimeParseException e) {
      return time;
    }
  }
}
