package io.kubervisor.activator;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.activator.ActivatorAction.Kill;
import io.kubervisor.activator.ActivatorAction.Pause;
import io.kubervisor.activator.ActivatorAction.ResetRetries;
import io.kubervisor.activator.ActivatorAction.Restore;
import io.kubervisor.activator.ActivatorAction.Resume;
import io.kubervisor.activator.ActivatorAction.Wait;
import io.kubervisor.api.v1alpha1.ActivatorSpec;
import io.kubervisor.api.v1alpha1.ActivatorSpec.ActivatorMode;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The activator's schedule against an injected clock: no waiting. */
class ActivatorPolicyTest {

  static final Instant BROKEN = Instant.parse("2026-11-25T10:00:00Z");

  static ActivatorSpec spec(ActivatorMode mode) {
    ActivatorSpec spec = new ActivatorSpec();
    spec.mode = mode;
    spec.period = "10s";
    spec.maxRetryCount = 3;
    spec.maxPauseCount = 1;
    spec.resetAfter = "5m";
    return spec;
  }

  static ActivatorAction broken(ActivatorSpec spec, int retries, Duration since, int paused) {
    return ActivatorPolicy.decide(spec, State.Broken, BROKEN, retries, null, false, paused, BROKEN.plus(since));
  }

  @Test
  void periodicRestoresAfterThePeriodWhateverTheRetries() {
    ActivatorSpec spec = spec(ActivatorMode.periodic);
    assertThat(broken(spec, 7, Duration.ofSeconds(9), 0)).isEqualTo(new Wait(BROKEN.plusSeconds(10)));
    assertThat(broken(spec, 7, Duration.ofSeconds(10), 0)).isEqualTo(new Restore());
  }

  @Test
  void retryBacksOffLinearlyUpToMaxPeriod() {
    ActivatorSpec spec = spec(ActivatorMode.retryAndKill);
    assertThat(broken(spec, 1, Duration.ZERO, 0)).isEqualTo(new Wait(BROKEN.plusSeconds(10)));
    assertThat(broken(spec, 3, Duration.ZERO, 0)).isEqualTo(new Wait(BROKEN.plusSeconds(30)));
    assertThat(broken(spec, 3, Duration.ofSeconds(30), 0)).isEqualTo(new Restore());
    spec.maxPeriod = "25s";
    assertThat(broken(spec, 3, Duration.ZERO, 0)).isEqualTo(new Wait(BROKEN.plusSeconds(25)));
  }

  @Test
  void theBreakAfterMaxRetryCountKills() {
    ActivatorSpec spec = spec(ActivatorMode.retryAndKill);
    assertThat(broken(spec, 3, Duration.ZERO, 0)).isInstanceOf(Wait.class);
    assertThat(broken(spec, 4, Duration.ZERO, 0)).isEqualTo(new Kill());
  }

  @Test
  void retryAndPausePausesUntilMaxPauseCountThenKills() {
    ActivatorSpec spec = spec(ActivatorMode.retryAndPause);
    assertThat(broken(spec, 4, Duration.ZERO, 0)).isEqualTo(new Pause());
    assertThat(broken(spec, 4, Duration.ZERO, 1)).isEqualTo(new Kill());
  }

  @Test
  void aPausedPodWaitsForAUser() {
    ActivatorSpec spec = spec(ActivatorMode.retryAndPause);
    assertThat(ActivatorPolicy.decide(spec, State.Paused, BROKEN, 4, null, false, 1, BROKEN.plusSeconds(3600)))
        .isEqualTo(new Wait(null));
    assertThat(ActivatorPolicy.decide(spec, State.Paused, BROKEN, 4, null, true, 1, BROKEN))
        .isEqualTo(new Resume());
  }

  @Test
  void retriesResetAfterResetAfterInTraffic() {
    ActivatorSpec spec = spec(ActivatorMode.retryAndKill);
    Instant restored = BROKEN.plusSeconds(10);
    assertThat(ActivatorPolicy.decide(spec, State.InTraffic, BROKEN, 2, restored, false, 0, restored.plusSeconds(299)))
        .isEqualTo(new Wait(restored.plusSeconds(300)));
    assertThat(ActivatorPolicy.decide(spec, State.InTraffic, BROKEN, 2, restored, false, 0, restored.plusSeconds(300)))
        .isEqualTo(new ResetRetries());
    assertThat(ActivatorPolicy.decide(spec, State.InTraffic, null, 0, null, false, 0, restored))
        .isEqualTo(new Wait(null));
  }

  @Test
  void maxRetryCountZeroKillsAtTheFirstBreak() {
    ActivatorSpec spec = spec(ActivatorMode.retryAndKill);
    spec.maxRetryCount = 0;
    assertThat(broken(spec, 1, Duration.ZERO, 0)).isEqualTo(new Kill());
  }

  @Test
  void backoffDoublesTheTimeOutAtEachBreakUpToItsCapAndNeverKills() {
    ActivatorSpec spec = spec(ActivatorMode.backoff);
    assertThat(ActivatorPolicy.outOfTraffic(spec, 1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(ActivatorPolicy.outOfTraffic(spec, 2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(ActivatorPolicy.outOfTraffic(spec, 4)).isEqualTo(Duration.ofSeconds(80));
    assertThat(ActivatorPolicy.outOfTraffic(spec, 9)).isEqualTo(ActivatorPolicy.DEFAULT_BACKOFF_CAP);
    assertThat(ActivatorPolicy.outOfTraffic(spec, 1000)).isEqualTo(ActivatorPolicy.DEFAULT_BACKOFF_CAP);
    spec.maxPeriod = "1m";
    assertThat(ActivatorPolicy.outOfTraffic(spec, 5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(broken(spec, 50, Duration.ofMinutes(1), 0)).isEqualTo(new Restore());
  }

  @Test
  void backoffIsTheDefault() {
    assertThat(new ActivatorSpec().mode).isEqualTo(ActivatorMode.backoff);
  }
}
