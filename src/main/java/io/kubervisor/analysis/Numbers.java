package io.kubervisor.analysis;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Formats numbers for people (reasons, annotations, status): short, but never hiding the integer digits of a count or
 * a small latency.
 */
public final class Numbers {

  private static final int SIGNIFICANT_DIGITS = 4;

  private Numbers() {
  }

  /** 200 → "200", 0.95 → "0.95", 0.000412345 → "0.0004123", 12345.6 → "12346", 412.345 → "412.3". */
  public static String format(double number) {
    if (!Double.isFinite(number)) {
      return Double.toString(number);
    }
    BigDecimal decimal = BigDecimal.valueOf(number);
    int integerDigits = decimal.precision() - decimal.scale();
    MathContext precision = new MathContext(Math.max(SIGNIFICANT_DIGITS, integerDigits));
    return decimal.round(precision).stripTrailingZeros().toPlainString();
  }
}
