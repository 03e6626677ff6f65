package io.kubervisor.sandbox;

import java.io.PrintStream;
import java.time.Duration;

/** Without a terminal (CI, a pipe): a line per event, and a progress line every few seconds. */
final class PlainView implements View {

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final PrintStream out;
  private Duration nextProgress = Duration.ZERO;

  PlainView(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void frame(Frame frame) {
    if (frame.elapsed().compareTo(nextProgress) >= 0) {
      out.println("+" + FrameRenderer.clock(frame.elapsed()) + "  " + FrameRenderer.progress(frame));
      while (nextProgress.compareTo(frame.elapsed()) <= 0) {
        nextProgress = nextProgress.plus(PROGRESS_EVERY);
      }
    }
  }

  @Override
  public synchronized void event(Duration at, String what) {
    out.println("+" + FrameRenderer.clock(at) + "  " + what);
  }

  @Override
  public void close() {
    out.flush();
  }
}
