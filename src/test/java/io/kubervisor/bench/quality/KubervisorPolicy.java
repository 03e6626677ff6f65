package io.kubervisor.bench.quality;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.it.TestFleet;
import io.kubervisor.sandbox.EndpointSliceWatch;
import io.kubervisor.sandbox.MetricsServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * kubervisor: the operator's jar with the benchmark's BreakerConfig, the pods a Deployment on the control plane, and
 * clients that send each request to a random ready endpoint of the Service's EndpointSlices, as kube-proxy does,
 * mapped to the pod's server.
 */
final class KubervisorPolicy implements Policy {

  private static final Duration READY = Duration.ofMinutes(3);

  private final KubervisorWorld world;

  KubervisorPolicy(KubervisorWorld world) {
    this.world = world;
  }

  @Override
  public String name() {
    return "kubervisor";
  }

  @Override
  public String settings() {
    return "the operator's jar with " + QualityBreakerConfig.FILE + " (errors: continuousValueDeviation of the 5xx"
        + " share over 5 s, 50%; latency: outlier, MedianAbsoluteDeviation 3.5 on the mean over 10 s, 50 requests,"
        + " 5 hosts; leak: trend of the heap gauge over 10 s, bound 0.9 within 30 s, fleet-relative; every 1 s,"
        + " warmup 30 s, floor 50%, activator backoff from 10 s: the defaults); Prometheus scrapes every 1 s";
  }

  @Override
  public PolicySession open(QualityScenario scenario, long seed, RunClock clock, Path dir) throws IOException {
    KubernetesClient client = world.client();
    String namespace = world.createNamespace("quality-" + scenario.name());
    TestFleet pods = TestFleet.create(client, namespace, QualityBreakerConfig.SERVICE, scenario.pods());
    List<String> names = pods.podNames();
    QualityFleet fleet = new QualityFleet(namespace, scenario, seed, clock);
    fleet.startInitial(scenario, names::get);
    MetricsServer metrics = new MetricsServer(fleet::exposition);
    world.prometheus().addTarget(metrics.hostPort(), Map.of());
    BreakerConfig breakerConfig = QualityBreakerConfig.load(namespace, world.prometheus().url());
    client.resources(BreakerConfig.class).inNamespace(namespace).resource(breakerConfig).create();
    EndpointSliceWatch endpoints = EndpointSliceWatch.start(client, namespace, QualityBreakerConfig.SERVICE);
    RoutingLog routing = new RoutingLog(client, namespace, endpoints);
    return new Session(world, namespace, fleet, metrics, endpoints, routing, dir, new Random(seed), scenario.pods());
  }

  private static final class Session implements PolicySession {

    private final KubervisorWorld world;
    private final String namespace;
    private final QualityFleet fleet;
    private final MetricsServer metrics;
    private final EndpointSliceWatch endpoints;
    private final RoutingLog routing;
    private final Path dir;
    private final Random choice;
    private final HttpGet http = new HttpGet();
    private int replicas;

    Session(KubervisorWorld world, String namespace, QualityFleet fleet, MetricsServer metrics,
        EndpointSliceWatch endpoints, RoutingLog routing, Path dir, Random choice, int replicas) {
      this.world = world;
      this.namespace = namespace;
      this.fleet = fleet;
      this.metrics = metrics;
      this.endpoints = endpoints;
      this.routing = routing;
      this.dir = dir;
      this.choice = choice;
      this.replicas = replicas;
    }

    @Override
    public QualityFleet fleet() {
      return fleet;
    }

    @Override
    public Router router() {
      return () -> {
        List<Integer> ready = endpoints.ready().stream().map(fleet::index).flatMap(Optional::stream).toList();
        // No ready endpoint: the connection is refused at once.
        return ready.isEmpty() ? CompletableFuture.completedFuture(503)
            : http.get(fleet.httpPort(ready.get(choice.nextInt(ready.size()))));
      };
    }

    /** Once the errors breaker has judged every pod: Prometheus has their series and the pods are past warm-up. */
    @Override
    public void awaitReady() {
      await("kubervisor judges every pod of " + namespace).atMost(READY).pollInterval(Duration.ofMillis(500))
          .until(() -> {
            world.checkOperator();
            return endpoints.ready().size() == replicas && judgedEveryPod();
          });
    }

    private boolean judgedEveryPod() {
      BreakerConfig current = world.client().resources(BreakerConfig.class).inNamespace(namespace)
          .withName(QualityBreakerConfig.SERVICE).get();
      return current != null && current.getStatus() != null && current.getStatus().lastEvaluation.stream()
          .anyMatch(e -> "errors".equals(e.breaker) && e.outcome == BreakerEvaluation.Outcome.Evaluated
              && Integer.valueOf(replicas).equals(e.evaluated));
    }

    /** The Deployment grows by one; the new pod's server starts once kwok runs it and its name is known. */
    @Override
    public void startPod(int index) throws IOException {
      KubernetesClient client = world.client();
      replicas++;
      client.apps().deployments().inNamespace(namespace).withName(QualityBreakerConfig.SERVICE).scale(replicas);
      String name = await("the new pod of " + namespace + " runs").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> client.pods().inNamespace(namespace).withLabel("app", QualityBreakerConfig.SERVICE).list()
              .getItems().stream()
              .filter(ServicePods::isManaged)
              .map(pod -> pod.getMetadata().getName())
              .filter(pod -> fleet.index(pod).isEmpty())
              .findFirst(), Optional::isPresent)
          .orElseThrow();
      fleet.start(index, name);
    }

    /** The operator's decisions on this scenario's pods, by action, from its log. */
    @Override
    public List<String> notes() {
      Map<String, Integer> actions = new TreeMap<>();
      world.operatorLog().stream()
          .filter(line -> line.contains(" action=") && line.contains(" namespace=" + namespace + " "))
          .map(line -> line.substring(line.indexOf(" action=") + " action=".length()).split(" ", 2)[0])
          .forEach(action -> actions.merge(action, 1, Integer::sum));
      return actions.entrySet().stream().map(e -> e.getValue() + "× " + e.getKey()).toList();
    }

    @Override
    public void close() {
      try {
        routing.save(dir.resolve("routing.log"));
      } catch (IOException e) {
        System.err.println("[quality] could not save " + dir.resolve("routing.log") + ": " + e);
      }
      routing.close();
      endpoints.close();
      world.prometheus().removeTarget(metrics.hostPort());
      metrics.close();
      fleet.close();
      world.client().namespaces().withName(namespace).delete();
    }
  }
}
