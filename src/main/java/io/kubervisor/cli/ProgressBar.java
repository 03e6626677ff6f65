package io.kubervisor.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The progress of a long backtest on stderr, never on stdout where the report goes: on a terminal a bar redrawn in
 * place, cleared at the end; elsewhere (a log) a line every ten seconds, so a short run prints nothing.
 */
final class ProgressBar implements Consumer<Instant>, AutoCloseable {

  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long LINE_NANOS = 10_000_000_000L;
  private static final int BAR = 30;

  private final PrintStream err;
  private final boolean terminal;
  private final long total;
  private final LongSupplier nanos;
  private long done;
  private long shownAt;
  private boolean drawn;

  /** @param total the instants all the replays will look at */
  ProgressBar(PrintStream err, boolean terminal, long total, LongSupplier nanos) {
    this.err = err;
    this.terminal = terminal;
    this.total = Math.max(1, total);
    this.nanos = nanos;
    this.shownAt = nanos.getAsLong();
  }

  @Override
  public void accept(Instant replayed) {
    done++;
    long now = nanos.getAsLong();
    long percent = done * 100 / total;
    if (terminal && now - shownAt >= REDRAW_NANOS) {
      int filled = (int) (done * BAR / total);
      err.print("\r\033[2Kbacktest [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + percent + "% "
          + done + "/" + total + " instants, at " + replayed);
      drawn = true;
      shownAt = now;
    } else if (!terminal && now - shownAt >= LINE_NANOS) {
      err.println("backtest: " + percent + "% (" + done + " of " + total + " instants)");
      shownAt = now;
    }
  }

  /** Clears the bar, so that what follows starts on a clean line. */
  @Override
  public void close() {
    if (drawn) {
      err.print("\r\033[2K");
      drawn = false;
    }
  }
}
