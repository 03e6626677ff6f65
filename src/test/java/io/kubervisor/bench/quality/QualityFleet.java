package io.kubervisor.bench.quality;

import io.kubervisor.sandbox.Behaviour;
import io.kubervisor.sandbox.FleetSimulator;
import io.kubervisor.sandbox.SimulatedFleet;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The pods of one run, by their index in the trace: each a {@link PodServer} answering by the sandbox's behaviour
 * model, with its leak gauge; and their series for Prometheus. The ports of every pod of the trace are chosen up front,
 * so a proxy can list a pod that starts later.
 */
final class QualityFleet implements AutoCloseable {

  private final String namespace;
  private final SimulatedFleet model;
  private final RunClock clock;
  private final List<PodServer> servers = new ArrayList<>();
  private final List<PodTraffic> traffic = new ArrayList<>();
  private final List<LeakGauge> gauges = new ArrayList<>();
  private final Map<Integer, String> names = new ConcurrentHashMap<>();
  private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(2, daemon("pod-latency"));
  private final ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("pod-handler"));

  /** @param seed the behaviour model's draws: the same for every policy playing this trace */
  QualityFleet(String namespace, QualityScenario scenario, long seed, RunClock clock) {
    this.namespace = namespace;
    this.clock = clock;
    this.model = new SimulatedFleet(namespace, QualityBreakerConfig.SERVICE, FleetSimulator.HEALTHY_LATENCY, List::of,
        Clock.systemUTC(), new Random(seed));
    for (int index = 0; index < scenario.podsEver(); index++) {
      int pod = index;
      PodTraffic served = new PodTraffic(clock);
      traffic.add(served);
      gauges.add(new LeakGauge(index));
      servers.add(new PodServer(PodServer.freePort(), PodServer.freePort(), () -> model.serve(names.get(pod)),
          served, delays, handlers));
    }
  }

  /** A fleet in front of a peer: no Kubernetes, the pods named by their index, those of the start started. */
  static QualityFleet forPeers(QualityScenario scenario, long seed, RunClock clock) throws IOException {
    QualityFleet fleet = new QualityFleet("quality", scenario, seed, clock);
    try {
      fleet.startInitial(scenario, PeerNames::of);
    } catch (IOException | RuntimeException e) {
      fleet.close();
      throw e;
    }
    return fleet;
  }

  /** Starts the pods up at the scenario's start, named by {@code name}. */
  void startInitial(QualityScenario scenario, IntFunction<String> name) throws IOException {
    for (int index = 0; index < scenario.pods(); index++) {
      start(index, name.apply(index));
    }
  }

  /** The pod starts serving as {@code name}, healthy. */
  void start(int index, String name) throws IOException {
    names.put(index, name);
    // Created in index order, so each index gets the same healthy latency in every run.
    model.behave(name, Behaviour.HEALTHY);
    servers.get(index).start();
  }

  /** Plays a step's behaviour on its pods that are up. */
  void apply(TraceStep step) {
    for (int index : GroundTruth.indexes(step, size())) {
      String name = names.get(index);
      if (name != null) {
        model.behave(name, step.behaviour());
        gauges.get(index).leak(step.leakPerSecond(), clock.now());
      }
    }
  }

  int size() {
    return servers.size();
  }

  List<Integer> up() {
    return IntStream.range(0, size()).filter(index -> servers.get(index).started()).boxed().toList();
  }

  Optional<Integer> index(String name) {
    return names.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst();
  }

  int httpPort(int index) {
    return servers.get(index).httpPort();
  }

  int grpcPort(int index) {
    return servers.get(index).grpcPort();
  }

  PodTraffic traffic(int index) {
    return traffic.get(index);
  }

  /** The pods' request counters and latency histograms (the sandbox's), and their leak gauges. */
  String exposition() {
    StringBuilder out = new StringBuilder(model.exposition());
    out.append("# TYPE ").append(LeakGauge.METRIC).append(" gauge\n");
    long now = clock.now();
    names.forEach((index, name) -> out.append(LeakGauge.METRIC).append("{namespace=\"").append(namespace)
        .append("\",service=\"").append(QualityBreakerConfig.SERVICE).append("\",pod=\"").append(name).append("\"} ")
        .append(String.format(Locale.ROOT, "%.4f", gauges.get(index).value(now))).append('\n'));
    return out.toString();
  }

  @Override
  public void close() {
    servers.forEach(PodServer::close);
    delays.shutdownNow();
    handlers.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
