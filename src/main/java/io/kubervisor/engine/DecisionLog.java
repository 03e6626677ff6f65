package io.kubervisor.engine;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per decision: {@code key=value} pairs in the text format, and the same keys as separate fields in the
 * JSON format ({@code KUBERVISOR_LOG_FORMAT=json}), so a log collector can filter on pod or action. Values are pod,
 * breaker and service names, measured values and reasons: never credentials.
 */
final class DecisionLog {

  private DecisionLog() {}

  /** @param keyValues alternating keys and values; a null value is left out */
  static void log(Logger log, Level level, String... keyValues) {
    LoggingEventBuilder event = log.atLevel(level);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        event = event.addKeyValue(keyValues[i], keyValues[i + 1]);
      }
    }
    event.log(line(keyValues));
  }

  /** The text form: {@code key=value}, a value with spaces in quotes. */
  static String line(String... keyValues) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      String value = keyValues[i + 1];
      if (value == null) {
        continue;
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(keyValues[i]).append('=').append(value.contains(" ") ? '"' + value + '"' : value);
    }
    return line.toString();
  }
}
