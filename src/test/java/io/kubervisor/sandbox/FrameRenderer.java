package io.kubervisor.sandbox;

import io.kubervisor.cli.Table;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.sandbox.Frame.PodRow;
import io.kubervisor.sandbox.RequestHistory.Totals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lays a frame out as text lines: a header, the pod table, the last decision and the recent events. */
final class FrameRenderer {

  /** Decisions carry the detector's reason; long ones are cut so that a line fits a terminal. */
  private static final int MAX_LINE = 160;

  private FrameRenderer() {}

  /** @param colours whether pods out of traffic are coloured, with ANSI escapes */
  static List<String> lines(Frame frame, List<String> recent, boolean colours) {
    List<String> lines = new ArrayList<>();
    lines.add("kubervisor sandbox   scenario " + frame.scenario() + "   " + clock(frame.elapsed()) + " of "
        + clock(frame.length()));
    lines.add("");
    lines.add("BreakerConfig   " + frame.breakerConfig());
    lines.add("Clients         " + rate(frame.clients()) + "   (last " + Frame.WINDOW.toSeconds() + " s)");
    lines.add("");
    Table table = new Table("#", "POD", "TRAFFIC", "REQ/S", "ERRORS", "LATENCY", "BEHAVIOUR");
    for (PodRow pod : frame.pods()) {
      Totals served = pod.served();
      boolean serving = served.requests() > 0;
      table.row(pod.index() == null ? "+" : pod.index().toString(), pod.name(), traffic(pod),
          perSecond(served), serving ? percent(served.errorRate()) : null,
          serving ? millis(served.meanLatencySeconds()) : null, pod.behaviour());
    }
    List<String> tableLines = table.lines();
    lines.add(tableLines.get(0));
    for (int i = 0; i < frame.pods().size(); i++) {
      String colour = colours ? colour(frame.pods().get(i)) : null;
      String line = tableLines.get(i + 1);
      lines.add(colour == null ? line : "\u001b[" + colour + "m" + line + "\u001b[0m");
    }
    lines.add("");
    lines.add(cut("Last decision   " + (frame.lastDecision() == null ? "none yet" : frame.lastDecision())));
    lines.add(cut("Next            " + (frame.next() == null ? "the end of the scenario" : frame.next())));
    if (!recent.isEmpty()) {
      lines.add("");
      recent.forEach(event -> lines.add(cut("  " + event)));
    }
    return lines;
  }

  /** The plain-progress line for a frame. */
  static String progress(Frame frame) {
    return "in traffic " + frame.inTraffic() + " of " + frame.pods().stream().filter(p -> !p.terminating()).count()
        + "   clients " + rate(frame.clients()) + "   BreakerConfig " + frame.breakerConfig();
  }

  private static String traffic(PodRow pod) {
    if (pod.terminating()) {
      return "killed";
    }
    return pod.traffic() == null ? "unlabelled" : pod.traffic();
  }

  /** How a pod's line is coloured on a terminal: ANSI SGR parameters (dim, red, yellow), or null for none. */
  private static String colour(PodRow pod) {
    if (pod.terminating()) {
      return "2";
    }
    if (TrafficLabels.NO.equals(pod.traffic())) {
      return "31";
    }
    return TrafficLabels.PAUSE.equals(pod.traffic()) ? "33" : null;
  }

  static String rate(Totals totals) {
    return perSecond(totals) + " req/s, " + percent(totals.errorRate()) + " errors, "
        + millis(totals.meanLatencySeconds()) + " mean latency";
  }

  static String clock(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  private static String perSecond(Totals totals) {
    return String.valueOf(Math.round(totals.requests() / (double) Frame.WINDOW.toSeconds()));
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static String millis(double seconds) {
    return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
  }

  private static String cut(String line) {
    return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 3) + "...";
  }
}
