package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicLong nanos = new AtomicLong();
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  private ProgressBar bar(boolean terminal) {
    return new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), terminal, 4, nanos::get);
  }

  @Test
  void onATerminalABarIsRedrawnInPlaceAndClearedAtTheEnd() {
    try (ProgressBar bar = bar(true)) {
      nanos.addAndGet(200_000_000L);
      bar.accept(T);
      bar.accept(T.plusSeconds(10));
      nanos.addAndGet(200_000_000L);
      bar.accept(T.plusSeconds(20));
    }

    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "\r\033[2Kbacktest [#######                       ] 25% 1/4 instants, at 2026-12-01T10:00:00Z"
            + "\r\033[2Kbacktest [######################        ] 75% 3/4 instants, at 2026-12-01T10:00:20Z"
            + "\r\033[2K");
  }

  @Test
  void elsewhereALineEveryTenSecondsSoAShortRunPrintsNothing() {
    try (ProgressBar bar = bar(false)) {
      bar.accept(T);
      nanos.addAndGet(11_000_000_000L);
      bar.accept(T.plusSeconds(10));
    }
    try (ProgressBar quick = bar(false)) {
      quick.accept(T);
    }

    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("backtest: 50% (2 of 4 instants)\n");
  }
}
