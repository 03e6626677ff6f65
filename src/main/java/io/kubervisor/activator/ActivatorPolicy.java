package io.kubervisor.activator;

import io.kubervisor.api.v1alpha1.ActivatorSpec;
import io.kubervisor.api.v1alpha1.ActivatorSpec.ActivatorMode;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import java.time.Duration;
import java.time.Instant;

/**
 * The activator's schedule, a pure function of a pod's recorded state and the time, so it is tested without waiting.
 *
 * <ul>
 *   <li>{@code backoff} (the default): the n-th break keeps the pod out {@code min(2^(n-1) × period, maxPeriod)},
 *       with maxPeriod 5m when unset; it is never killed.
 *   <li>{@code periodic}: a broken pod returns {@code period} after it was broken, however often it breaks.
 *   <li>{@code retryAndKill}: the n-th break keeps it out {@code min(n × period, maxPeriod)}; the break after
 *       {@code maxRetryCount} kills it.
 *   <li>{@code retryAndPause}: the same, but that break pauses it instead, while fewer than {@code maxPauseCount} pods
 *       of the BreakerConfig are paused; beyond, it is killed.
 * </ul>
 * A pod in traffic for {@code resetAfter} since it was restored has its retry count reset.
 */
public final class ActivatorPolicy {

  /** backoff's maxPeriod when unset: a pod that stays bad is retried every 5 minutes at most. */
  public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofMinutes(5);

  private ActivatorPolicy() {}

  /**
   * @param brokenAt when the pod was last taken out (null for a pod not broken)
   * @param retries how many times it was broken since its count was last reset
   * @param restoredAt when the activator last restored it (null if never)
   * @param resumeRequested a user asked to resume the (paused) pod
   * @param pausedPods paused pods of the BreakerConfig now
   */
  public static ActivatorAction decide(ActivatorSpec spec, State state, Instant brokenAt, int retries,
      Instant restoredAt, boolean resumeRequested, int pausedPods, Instant now) {
    switch (state) {
      case Paused:
        return resumeRequested ? new ActivatorAction.Resume() : new ActivatorAction.Wait(null);
      case InTraffic:
        if (retries > 0 && restoredAt != null) {
          Instant reset = restoredAt.plus(Durations.parse(spec.resetAfter));
          return now.isBefore(reset) ? new ActivatorAction.Wait(reset) : new ActivatorAction.ResetRetries();
        }
        return new ActivatorAction.Wait(null);
      case Broken:
        break;
      default:
        return new ActivatorAction.Wait(null);
    }
    boolean retryMode = spec.mode == ActivatorMode.retryAndKill || spec.mode == ActivatorMode.retryAndPause;
    if (retryMode && retries > spec.maxRetryCount) {
      if (spec.mode == ActivatorMode.retryAndPause && pausedPods < spec.maxPauseCount) {
        return new ActivatorAction.Pause();
      }
      return new ActivatorAction.Kill();
    }
    Instant due = brokenAt == null ? now : brokenAt.plus(outOfTraffic(spec, retries));
    return now.isBefore(due) ? new ActivatorAction.Wait(due) : new ActivatorAction.Restore();
  }

  /** How long the n-th break keeps a pod out of traffic. */
  public static Duration outOfTraffic(ActivatorSpec spec, int retries) {
    Duration period = Durations.parse(spec.period);
    int breaks = Math.max(1, retries);
    return switch (spec.mode) {
      case periodic -> period;
      case backoff -> capped(period.multipliedBy(1L << Math.min(breaks - 1, 30)),
          spec.maxPeriod == null ? DEFAULT_BACKOFF_CAP : Durations.parse(spec.maxPeriod));
      case retryAndKill, retryAndPause -> spec.maxPeriod == null ? period.multipliedBy(breaks)
          : capped(period.multipliedBy(breaks), Durations.parse(spec.maxPeriod));
    };
  }

  private static Duration capped(Duration duration, Duration cap) {
    return duration.compareTo(cap) > 0 || duration.isNegative() ? cap : duration;
  }
}
