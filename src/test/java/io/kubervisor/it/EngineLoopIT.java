package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.apply;
import static io.kubervisor.it.Fixtures.breakerConfig;
import static io.kubervisor.it.Fixtures.condition;
import static io.kubervisor.it.Fixtures.get;
import static io.kubervisor.it.Fixtures.is;
import static io.kubervisor.it.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The supervision loop under the conditions the first engine failed: a BreakerConfig stuck on a slow detector, a
 * BreakerConfig losing its Service to another, a detector naming another namespace's pod, the whole fleet bad while
 * pods are killed and replaced. The operator runs in the test JVM against the real control plane.
 */
@WithLocalCluster
class EngineLoopIT {

  private static final Duration DECISION = Duration.ofSeconds(40);

  @RegisterExtension
  static final SupervisedWorld world = new SupervisedWorld("loop-lease");

  @Test
  void aSpecEditIsReconciledWithinTwoSecondsWhileAnotherBreakerConfigsDetectorHangs(KubernetesClient client,
      @TestNamespace("hang") String hangNs, @TestNamespace("edit") String editNs) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger asked = new AtomicInteger();
    HttpServer hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hanging.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    hanging.createContext("/", exchange -> {
      asked.incrementAndGet();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    hanging.start();
    try (FakeDetector detector = new FakeDetector()) {
      TestFleet.create(client, hangNs, "web", 2);
      TestFleet.create(client, editNs, "web", 2);
      apply(client, external(hangNs, "stuck", "http://127.0.0.1:" + hanging.getAddress().getPort() + "/", "25s"));
      apply(client, external(editNs, "edited", detector.url(), "1s"));
      await("the stuck detector asked").atMost(DECISION).until(() -> asked.get() > 0);
      await("the other one Ready").atMost(DECISION).until(() -> condition(get(client, editNs, "edited"),
          Conditions.READY).map(c -> c.getStatus().equals("True")).orElse(false));

      client.resources(BreakerConfig.class).inNamespace(editNs).withName("edited")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"mode\":\"DryRun\"}}");
      long generation = get(client, editNs, "edited").getMetadata().getGeneration();

      await("the edit in the status").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
          .until(() -> {
            BreakerConfig edited = get(client, editNs, "edited");
            return edited.getStatus().observedGeneration == generation && condition(edited, Conditions.READY)
                .map(c -> c.getReason().equals(Conditions.Reasons.DRY_RUN)).orElse(false);
          });
    } finally {
      release.countDown();
      hanging.stop(0);
    }
  }

  @Test
  void aBreakerConfigThatLosesItsServiceToAnOlderOneReturnsItsPods(KubernetesClient client,
      @TestNamespace("conflict") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("other").endMetadata()
        .withNewSpec().withSelector(Map.of("app", "none")).addNewPort().withPort(80).endPort().endSpec().build())
        .create();
    String bad = fleet.podNames().get(1);
    try (FakeDetector detector = new FakeDetector()) {
      detector.anomalous(bad);
      apply(client, external(ns, "older", detector.url(), "1s", "other"));
      await().atMost(DECISION).until(() -> status(client, ns, "older").conditions.size() > 0);
      apply(client, external(ns, "younger", detector.url(), "1s", "web"));
      await("the younger one ejects").atMost(DECISION)
          .until(() -> fleet.podsWithTraffic(TrafficLabels.NO), is(List.of(bad)));

      client.resources(BreakerConfig.class).inNamespace(ns).withName("older")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"service\":\"web\"}}");

      await("the younger one in Conflict").atMost(DECISION).until(() -> condition(get(client, ns, "younger"),
          Conditions.CONFLICT).map(c -> c.getStatus().equals("True")).orElse(false));
      await("its pod back with a clean record, or taken by the older one").atMost(DECISION).until(() ->
          !"younger".equals(Fixtures.annotations(client, ns, bad).get(TrafficLabels.BREAKER_CONFIG)));
      detector.anomalous();
      await("back in traffic").atMost(DECISION).until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == 4);
    }
  }

  @Test
  void anExternalDetectorNamingAPodOfAnotherNamespaceEjectsNothingAndTheLogSaysSo(KubernetesClient client,
      @TestNamespace("extns") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 3);
    String name = fleet.podNames().get(0);
    try (FakeDetector detector = new FakeDetector(); LogCapture log = LogCapture.capture()) {
      detector.answering(() -> "{\"kind\":\"PodList\",\"items\":[{\"metadata\":{\"name\":\"" + name
          + "\",\"namespace\":\"elsewhere\"}}]}");
      apply(client, external(ns, "ext", detector.url(), "1s"));

      await("the log names what was ignored").atMost(DECISION)
          .until(() -> log.logged("elsewhere/" + name + " (another namespace)"));
      await("several evaluations").atMost(DECISION).until(() -> status(client, ns, "ext").lastEvaluation.size() == 1);
      assertThat(fleet.podsWithTraffic(TrafficLabels.YES)).hasSize(3);
      assertThat(log.lines().stream().filter(line -> line.contains("(another namespace)")).count())
          .as("said once, not at every evaluation").isEqualTo(1);
    }
  }

  @Test
  void theWholeFleetBadWithKillsNeverTakesTheServiceBelowItsFloor(KubernetesClient client,
      @TestNamespace("kills") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 10);
    Map<String, Pod> pods = new ConcurrentHashMap<>();
    AtomicInteger fewestInTraffic = new AtomicInteger(Integer.MAX_VALUE);
    AtomicInteger replaced = new AtomicInteger();
    AtomicBoolean armed = new AtomicBoolean();
    List<String> original = fleet.podNames();
    try (FakeDetector detector = new FakeDetector();
        Watch watch = client.pods().inNamespace(ns).watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, Pod pod) {
            if (action == Action.DELETED) {
              pods.remove(pod.getMetadata().getName());
            } else {
              pods.put(pod.getMetadata().getName(), pod);
            }
            if (!original.contains(pod.getMetadata().getName()) && action == Action.ADDED) {
              replaced.incrementAndGet();
            }
            long inTraffic = pods.values().stream().map(CachedPod::of)
                .filter(p -> p.managed() && TrafficLabels.YES.equals(p.label(TrafficLabels.TRAFFIC))).count();
            // From the moment the operator has labelled the whole fleet: before, the Service has no endpoint yet.
            if (armed.get() || inTraffic == original.size() && armed.compareAndSet(false, true)) {
              fewestInTraffic.accumulateAndGet((int) inTraffic, Math::min);
            }
          }

          @Override
          public void onClose(WatcherException cause) {
          }
        })) {
      // Every pod is bad, replacements included.
      detector.answering(() -> pods.keySet().stream().map(pod -> "\"" + pod + "\"")
          .collect(Collectors.joining(",", "[", "]")));
      apply(client, breakerConfig(ns, "kills", """
          service: web
          breakers:
            - name: all-bad
              evaluationPeriod: 1s
              warmup: 0s
              minPodsAvailableRatio: 50
              external:
                url: %s
              activator:
                mode: retryAndKill
                period: 2s
                maxRetryCount: 1
          """.formatted(detector.url())));

      await("the fleet labelled").atMost(DECISION).until(armed::get);
      await("five pods killed and replaced").atMost(Duration.ofSeconds(90)).until(() -> replaced.get() >= 5);
      await("replacements out of traffic in turn").atMost(DECISION)
          .until(() -> fleet.podsWithTraffic(TrafficLabels.NO).stream().anyMatch(p -> !original.contains(p)));
      assertThat(fewestInTraffic.get()).as("the fewest pods in traffic at any event").isGreaterThanOrEqualTo(5);
    }
  }

  private static BreakerConfig external(String ns, String name, String url, String timeout) {
    return external(ns, name, url, timeout, "web");
  }

  private static BreakerConfig external(String ns, String name, String url, String timeout, String service) {
    return breakerConfig(ns, name, """
        service: %s
        breakers:
          - name: external
            evaluationPeriod: 1s
            warmup: 0s
            minPodsAvailableRatio: 25
            external:
              url: %s
              timeout: %s
        """.formatted(service, url, timeout));
  }
}
