package io.kubervisor.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The pods behind a Service and the clients of that Service. Each request goes to a random ready endpoint, as
 * kube-proxy sends it, so a pod out of traffic gets nothing; the client-side outcome of every request is recorded.
 * A pod is simulated from the moment it is first an endpoint or is given a behaviour.
 */
public final class SimulatedFleet {

  /** 1/φ: successive multiples modulo 1 spread evenly over [0, 1) however many pods there are. */
  private static final double GOLDEN = 0.6180339887498949;

  private final String namespace;
  private final String service;
  private final Duration healthyLatency;
  private final Endpoints endpoints;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, SimulatedPod> pods = new ConcurrentHashMap<>();
  private final RequestHistory clients = new RequestHistory();
  private final AtomicInteger created = new AtomicInteger();

  public SimulatedFleet(String namespace, String service, Duration healthyLatency, Endpoints endpoints, Clock clock,
      RandomGenerator random) {
    this.namespace = namespace;
    this.service = service;
    this.healthyLatency = healthyLatency;
    this.endpoints = endpoints;
    this.clock = clock;
    this.random = random;
  }

  /** One client request; with no ready endpoint it fails at once. Called from one thread. */
  public Outcome send() {
    Instant now = clock.instant();
    List<String> ready = endpoints.ready();
    Outcome outcome = ready.isEmpty() ? Outcome.NO_ENDPOINT
        : pod(ready.get(random.nextInt(ready.size()))).serve(now, random);
    clients.record(now, outcome);
    return outcome;
  }

  /**
   * One request as the pod itself answers it, for callers that route requests themselves (real servers and proxies in
   * front of the simulated pods): counted in the pod's metrics, not in {@link #clients()}.
   */
  public Outcome serve(String pod) {
    return pod(pod).serve(clock.instant(), random);
  }

  public void behave(String pod, Behaviour behaviour) {
    pod(pod).behave(behaviour, clock.instant());
  }

  public Behaviour behaviour(String pod) {
    SimulatedPod simulated = pods.get(pod);
    return simulated == null ? Behaviour.HEALTHY : simulated.behaviour();
  }

  /** What the Service's clients saw. */
  public RequestHistory clients() {
    return clients;
  }

  /** What one pod served; empty for a pod that never served. */
  public RequestHistory served(String pod) {
    SimulatedPod simulated = pods.get(pod);
    return simulated == null ? new RequestHistory() : simulated.history();
  }

  /** Every pod's series in the Prometheus text format, labelled namespace, service and pod. */
  public String exposition() {
    List<SimulatedPod> sorted = pods.values().stream().sorted(Comparator.comparing(SimulatedPod::name)).toList();
    StringBuilder out = new StringBuilder();
    out.append("# TYPE http_requests_total counter\n");
    sorted.forEach(pod -> pod.appendCounters(out, labels(pod)));
    out.append("# TYPE http_request_duration_seconds histogram\n");
    sorted.forEach(pod -> pod.appendHistogram(out, labels(pod)));
    return out.toString();
  }

  private String labels(SimulatedPod pod) {
    return "namespace=\"" + namespace + "\",service=\"" + service + "\",pod=\"" + pod.name() + "\"";
  }

  /**
   * The pod, created on first use. Healthy pods differ a little in latency, spread evenly within ±10% of the healthy
   * latency, so that a healthy fleet has a spread but no statistical outlier of its own.
   */
  private SimulatedPod pod(String name) {
    return pods.computeIfAbsent(name, key -> {
      double spread = created.incrementAndGet() * GOLDEN % 1;
      return new SimulatedPod(key, Duration.ofNanos((long) (healthyLatency.toNanos() * (0.9 + 0.2 * spread))));
    });
  }
}
