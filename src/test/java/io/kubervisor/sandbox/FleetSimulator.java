package io.kubervisor.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * The fleet simulator, running against a real cluster: it follows the Service's EndpointSlices as kube-proxy would,
 * simulates the pods behind them, sends them a steady stream of client requests and serves their metrics for
 * Prometheus. Change a pod's behaviour with {@link #behave}; read what clients saw from {@link #fleet()}.
 */
public final class FleetSimulator implements AutoCloseable {

  /** The mean latency of a healthy pod. */
  public static final Duration HEALTHY_LATENCY = Duration.ofMillis(20);

  private final EndpointSliceWatch endpoints;
  private final SimulatedFleet fleet;
  private final MetricsServer metrics;
  private final LoadGenerator load;

  private FleetSimulator(EndpointSliceWatch endpoints, SimulatedFleet fleet, MetricsServer metrics,
      LoadGenerator load) {
    this.endpoints = endpoints;
    this.fleet = fleet;
    this.metrics = metrics;
    this.load = load;
  }

  /** Watches the Service and serves metrics at once; requests flow from {@link #startLoad()}. */
  public static FleetSimulator start(KubernetesClient client, String namespace, String service,
      double requestsPerSecond) throws IOException {
    Clock clock = Clock.systemUTC();
    EndpointSliceWatch endpoints = EndpointSliceWatch.start(client, namespace, service);
    SimulatedFleet fleet = new SimulatedFleet(namespace, service, HEALTHY_LATENCY, endpoints, clock, new Random());
    try {
      MetricsServer metrics = new MetricsServer(fleet::exposition);
      return new FleetSimulator(endpoints, fleet, metrics, new LoadGenerator(fleet::send, requestsPerSecond, clock));
    } catch (IOException | RuntimeException e) {
      endpoints.close();
      throw e;
    }
  }

  public void startLoad() {
    load.start();
  }

  public void behave(String pod, Behaviour behaviour) {
    fleet.behave(pod, behaviour);
  }

  public SimulatedFleet fleet() {
    return fleet;
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  /** Where Prometheus scrapes every simulated pod's series. */
  public String metricsHostPort() {
    return metrics.hostPort();
  }

  @Override
  public void close() {
    load.close();
    metrics.close();
    endpoints.close();
  }
}
