package io.kubervisor.bench;

import java.util.Locale;

/** How the report writes numbers; a missing one is a dash. */
final class Format {

  static final double MIB = 1024 * 1024;
  static final String NONE = "–";

  private Format() {}

  static String mib(Number bytes) {
    return bytes == null ? NONE : String.format(Locale.ROOT, "%.0f MiB", bytes.doubleValue() / MIB);
  }

  static String seconds(Double seconds) {
    return seconds == null ? NONE : String.format(Locale.ROOT, "%.1f s", seconds);
  }

  /** e.g. 0.14 */
  static String decimal(Double value, int places) {
    return value == null ? NONE : String.format(Locale.ROOT, "%." + places + "f", value);
  }

  /** e.g. 10,000 */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
