package io.kubervisor.backtest.report;

import io.kubervisor.backtest.Timeline;
import io.kubervisor.backtest.Timeline.PodState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The pods over time in a terminal's width: a row per pod, a column per stretch of instants showing the worst state
 * the pod was in during it, so that a short ejection is never averaged away.
 */
final class TextTimeline {

  static final String LEGEND = "= in traffic  o out  P paused  X killed  (blank) no series";

  private TextTimeline() {}

  /**
   * @param step the time between the timeline's instants
   * @param width the terminal's columns
   */
  static List<String> render(Timeline timeline, Set<String> pods, Duration step, Times times, int width) {
    List<Timeline.Frame> frames = timeline.frames();
    int nameWidth = Math.max("held".length(), pods.stream().mapToInt(String::length).max().orElse(0));
    int columns = Math.min(frames.size(), Math.max(10, width - nameWidth - 4));
    List<String> lines = new ArrayList<>();
    String column = frames.size() <= columns ? Times.duration(step)
        : "about " + Times.duration(step.multipliedBy(frames.size()).dividedBy(columns));
    lines.add("Timeline (UTC; a column is " + column + "): " + LEGEND);
    for (String pod : pods) {
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        row.append(symbol(worst(frames, i, columns, pod)));
      }
      lines.add("  " + pad(pod, nameWidth) + "  " + row.toString().stripTrailing());
    }
    StringBuilder held = new StringBuilder();
    boolean anyHeld = false;
    for (int i = 0; i < columns; i++) {
      boolean heldHere = bucket(frames, i, columns).stream().anyMatch(frame -> frame.spared() > 0);
      anyHeld |= heldHere;
      held.append(heldHere ? '!' : '.');
    }
    if (anyHeld) {
      lines.add("  " + pad("held", nameWidth) + "  " + held + "   ! the floor kept anomalous pods in traffic");
    }
    String start = times.format(frames.get(0).time());
    String end = times.format(frames.get(frames.size() - 1).time());
    int gap = Math.max(1, columns - start.length() - end.length());
    lines.add("  " + " ".repeat(nameWidth) + "  " + start + " ".repeat(gap) + end);
    return lines;
  }

  private static List<Timeline.Frame> bucket(List<Timeline.Frame> frames, int column, int columns) {
    int from = (int) ((long) column * frames.size() / columns);
    int to = (int) ((long) (column + 1) * frames.size() / columns);
    return frames.subList(from, Math.max(to, from + 1));
  }

  /** The worst state of the pod in the column's instants; null when it had no series in any. */
  private static PodState worst(List<Timeline.Frame> frames, int column, int columns, String pod) {
    PodState worst = null;
    for (Timeline.Frame frame : bucket(frames, column, columns)) {
      PodState state = frame.states().get(pod);
      if (state != null && (worst == null || state.ordinal() > worst.ordinal())) {
        worst = state;
      }
    }
    return worst;
  }

  private static char symbol(PodState state) {
    if (state == null) {
      return ' ';
    }
    return switch (state) {
      case IN_TRAFFIC -> '=';
      case OUT -> 'o';
      case PAUSED -> 'P';
      case KILLED -> 'X';
    };
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
