package io.kubervisor.backtest.report;

import java.util.Locale;

/** Text made safe for HTML and SVG, and coordinates written short. */
final class Html {

  private Html() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A coordinate with one decimal, whatever the locale. */
  static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
