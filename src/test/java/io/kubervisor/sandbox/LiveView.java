package io.kubervisor.sandbox;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** For a terminal: redraws the frame in place with ANSI escapes, the latest events under it. */
final class LiveView implements View {

  private static final String ESC = "\u001b[";
  private static final int RECENT = 8;

  private final PrintStream out;
  private final Deque<String> recent = new ArrayDeque<>();
  private boolean hidden;

  LiveView(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void frame(Frame frame) {
    StringBuilder screen = new StringBuilder();
    if (!hidden) {
      // Hide the cursor and start from a clean screen; redraws then overwrite in place from the top.
      screen.append(ESC).append("?25l").append(ESC).append("2J");
      hidden = true;
    }
    screen.append(ESC).append("H");
    for (String line : FrameRenderer.lines(frame, List.copyOf(recent), true)) {
      screen.append(line).append(ESC).append("K\n");
    }
    screen.append(ESC).append("J");
    out.print(screen);
    out.flush();
  }

  @Override
  public synchronized void event(Duration at, String what) {
    recent.addLast("+" + FrameRenderer.clock(at) + "  " + what);
    while (recent.size() > RECENT) {
      recent.removeFirst();
    }
  }

  /** Shows the cursor again, once, whether the run ended or was interrupted. */
  @Override
  public synchronized void close() {
    if (hidden) {
      out.print(ESC + "?25h");
      out.flush();
      hidden = false;
    }
  }
}
