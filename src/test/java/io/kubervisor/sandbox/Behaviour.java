package io.kubervisor.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * What a simulated pod does with its requests: the share it fails (HTTP 500) and its mean latency. A flapping fault
 * is on for {@code flapEvery}, then off for as long, and so on, from the moment it was set.
 *
 * @param latency null for the pod's own healthy latency
 * @param flapEvery null for a steady fault
 */
public record Behaviour(double errorRate, Duration latency, Duration flapEvery) {

  public static final Behaviour HEALTHY = new Behaviour(0, null, null);

  public Behaviour {
    if (!(errorRate >= 0 && errorRate <= 1)) {
      throw new IllegalArgumentException("errorRate must be between 0 and 1, was " + errorRate);
    }
    if (latency != null && (latency.isNegative() || latency.isZero())) {
      throw new IllegalArgumentException("latency must be positive, was " + latency);
    }
    if (flapEvery != null && (flapEvery.isNegative() || flapEvery.isZero())) {
      throw new IllegalArgumentException("flapEvery must be positive, was " + flapEvery);
    }
  }

  public boolean faulty() {
    return errorRate > 0 || latency != null;
  }

  /** Whether the fault is on at {@code now}, for this behaviour set at {@code since}. */
  public boolean faultOn(Instant since, Instant now) {
    if (!faulty()) {
      return false;
    }
    if (flapEvery == null) {
      return true;
    }
    long periods = Duration.between(since, now).toMillis() / flapEvery.toMillis();
    return periods % 2 == 0;
  }

  /** For people: {@code healthy}, {@code 50% errors}, {@code 250 ms latency, flapping every 5 s}. */
  public String describe() {
    if (!faulty()) {
      return "healthy";
    }
    StringBuilder text = new StringBuilder();
    if (errorRate > 0) {
      text.append(Math.round(errorRate * 100)).append("% errors");
    }
    if (latency != null) {
      text.append(text.isEmpty() ? "" : ", ").append(latency.toMillis()).append(" ms latency");
    }
    if (flapEvery != null) {
      long millis = flapEvery.toMillis();
      text.append(", flapping every ").append(millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms");
    }
    return text.toString();
  }
}
