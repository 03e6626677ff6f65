package io.kubervisor.api.v1alpha1;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the API's durations: Go-style strings such as 500ms, 10s, 1m30s or 2h. */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile(Validation.DURATION);
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private Durations() {}

  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; use forms like 500ms, 10s, 1m30s or 2h");
    }
    BigDecimal millis = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      BigDecimal amount = new BigDecimal(part.group(1));
      millis = millis.add(amount.multiply(BigDecimal.valueOf(switch (part.group(2)) {
        case "ms" -> 1L;
        case "s" -> 1_000L;
        case "m" -> 60_000L;
        default -> 3_600_000L;
      })));
    }
    return Duration.ofMillis(millis.longValue());
  }
}
