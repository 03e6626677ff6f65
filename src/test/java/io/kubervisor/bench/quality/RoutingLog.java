package io.kubervisor.bench.quality;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.sandbox.Endpoints;
import io.kubervisor.sandbox.TrafficWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * kubervisor's side of a run, kept to check the isolations measured at the pods by: every change of a pod's traffic
 * label, and every change of the ready endpoints the clients route to (read every 50 ms), with their wall-clock times.
 */
final class RoutingLog implements AutoCloseable {

  private final TrafficWatch labels;
  private final Endpoints endpoints;
  private final List<String> changes = new ArrayList<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
  private List<String> lastReady = List.of();

  RoutingLog(KubernetesClient client, String namespace, Endpoints endpoints) {
    this.labels = TrafficWatch.start(client, namespace, Map.of("app", QualityBreakerConfig.SERVICE));
    this.endpoints = endpoints;
    poller.scheduleAtFixedRate(this::poll, 0, 50, TimeUnit.MILLISECONDS);
  }

  private synchronized void poll() {
    List<String> ready = endpoints.ready();
    if (!ready.equals(lastReady)) {
      changes.add(Instant.now() + " ready endpoints (" + ready.size() + "): " + String.join(" ", ready));
      lastReady = ready;
    }
  }

  /** Both histories in time order. */
  void save(Path file) throws IOException {
    List<String> endpointChanges;
    synchronized (this) {
      endpointChanges = List.copyOf(changes);
    }
    Files.write(file, Stream.concat(endpointChanges.stream(), labels.transitions().stream()
            .map(t -> t.at() + " label " + t.pod() + " " + t.from() + " -> " + t.to()))
        .sorted()
        .toList());
  }

  @Override
  public void close() {
    poller.shutdownNow();
    labels.close();
  }
}
