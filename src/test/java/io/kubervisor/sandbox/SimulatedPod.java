package io.kubervisor.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * One pod of the fleet, simulated in-process (kwok's pods run nothing): it answers each request by its behaviour, and
 * counts what it served as the pod's own metrics would.
 */
final class SimulatedPod {

  /** Each request takes the mean latency give or take this share, so that the pods' means vary a little. */
  private static final double JITTER = 0.1;

  private final String name;
  private final Duration healthyLatency;
  /** Only what the view shows: the last seconds. */
  private final RequestHistory history = new RequestHistory(Duration.ofMinutes(1));
  private final LatencyHistogram histogram = new LatencyHistogram();
  private long ok;
  private long errors;
  private Behaviour behaviour = Behaviour.HEALTHY;
  private Instant since = Instant.EPOCH;

  SimulatedPod(String name, Duration healthyLatency) {
    this.name = name;
    this.healthyLatency = healthyLatency;
  }

  String name() {
    return name;
  }

  synchronized Behaviour behaviour() {
    return behaviour;
  }

  synchronized void behave(Behaviour behaviour, Instant now) {
    this.behaviour = behaviour;
    this.since = now;
  }

  synchronized Outcome serve(Instant now, RandomGenerator random) {
    boolean faultOn = behaviour.faultOn(since, now);
    double errorRate = faultOn ? behaviour.errorRate() : 0;
    Duration mean = faultOn && behaviour.latency() != null ? behaviour.latency() : healthyLatency;
    double latency = mean.toNanos() / 1e9 * (1 - JITTER + 2 * JITTER * random.nextDouble());
    Outcome outcome = new Outcome(random.nextDouble() < errorRate ? 500 : 200, latency);
    if (outcome.failed()) {
      errors++;
    } else {
      ok++;
    }
    histogram.observe(latency);
    history.record(now, outcome);
    return outcome;
  }

  RequestHistory history() {
    return history;
  }

  synchronized void appendCounters(StringBuilder out, String labels) {
    out.append("http_requests_total{").append(labels).append(",code=\"200\"} ").append(ok).append('\n');
    out.append("http_requests_total{").append(labels).append(",code=\"500\"} ").append(errors).append('\n');
  }

  synchronized void appendHistogram(StringBuilder out, String labels) {
    histogram.appendTo(out, "http_request_duration_seconds", labels);
  }
}
