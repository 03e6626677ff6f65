package io.kubervisor.bench.quality;

import java.util.Locale;

/** How the report writes numbers; a missing one is a dash. */
final class Format {

  static final String NONE = "–";

  private Format() {}

  static String of(Double share) {
    return share == null ? NONE : String.format(Locale.ROOT, "%.2f%%", share * 100);
  }

  static String millis(Double millis) {
    return millis == null ? NONE : String.format(Locale.ROOT, "%.0f ms", millis);
  }

  static String seconds(Double seconds) {
    return seconds == null ? NONE : String.format(Locale.ROOT, "%.1f s", seconds);
  }

  static String ratio(Double value) {
    return value == null ? NONE : String.format(Locale.ROOT, "%.2f", value);
  }
}
