package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.sandbox.RequestHistory.Totals;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestHistoryTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Outcome OK = new Outcome(200, 0.02);
  private static final Outcome ERROR = new Outcome(500, 0.04);

  @Test
  void measuresARangeToTheTenthOfASecond() {
    RequestHistory history = new RequestHistory();
    history.record(T0.plusMillis(50), OK);
    history.record(T0.plusMillis(950), ERROR);
    history.record(T0.plusMillis(1000), OK);

    assertThat(history.between(T0, T0.plusSeconds(1))).isEqualTo(new Totals(2, 1, 0.06));
    assertThat(history.between(T0.plusMillis(920), T0.plusSeconds(2)).requests()).isEqualTo(2);
    assertThat(history.between(T0, T0.plusMillis(920)).requests()).isEqualTo(1);
    assertThat(history.between(T0.plusSeconds(5), T0.plusSeconds(1))).isEqualTo(Totals.NONE);
  }

  @Test
  void ratesOfAnEmptyRangeAreZero() {
    assertThat(Totals.NONE.errorRate()).isZero();
    assertThat(Totals.NONE.meanLatencySeconds()).isZero();
    assertThat(new Totals(4, 1, 0.2).errorRate()).isEqualTo(0.25);
    assertThat(new Totals(4, 1, 0.2).meanLatencySeconds()).isEqualTo(0.05);
  }

  @Test
  void lastLeavesOutTheTenthInProgress() {
    RequestHistory history = new RequestHistory();
    history.record(T0.plusMillis(3500), OK);
    history.record(T0.plusMillis(4990), ERROR);

    assertThat(history.last(Duration.ofSeconds(5), T0.plusMillis(4950))).isEqualTo(new Totals(1, 0, 0.02));
    assertThat(history.last(Duration.ofSeconds(5), T0.plusSeconds(5)).requests()).isEqualTo(2);
  }

  @Test
  void forgetsWhatIsOlderThanItsRetention() {
    RequestHistory history = new RequestHistory(Duration.ofSeconds(10));
    history.record(T0, OK);
    history.record(T0.plusSeconds(11), OK);

    assertThat(history.between(T0, T0.plusSeconds(12)).requests()).isEqualTo(1);
  }
}
