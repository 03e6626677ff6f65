package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.apply;
import static io.kubervisor.it.Fixtures.breakerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.AuditLog;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TcpProxy;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Two replicas, and the leader cut off from the API server by a proxy, not killed: it keeps running, cannot renew its
 * Lease, and must not write once another replica may lead; the other takes over, and the floor holds throughout, as a
 * watch of the pods sees it.
 */
@WithLocalCluster
class PartitionIT {

  private static final int FLEET = 10;
  /** minPodsAvailableRatio 50 of the whole fleet. */
  private static final int FLOOR = 5;
  /** Leadership.LEASE_DURATION: after this, the follower may take the Lease of a leader that stopped renewing. */
  private static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  private static final String LEADER = "kubervisor_leader";

  @Test
  void aLeaderCutOffStopsWritingAndTheFollowerTakesOverAboveTheFloor(LocalControlPlane plane,
      KubernetesClient client, @TestNamespace("partition") String ns) throws Exception {
    Crds.install(client);
    TestFleet fleet = TestFleet.create(client, ns, "web", FLEET);
    URI apiServer = URI.create(plane.apiServerUrl());
    Map<String, String> lease = Map.of("kubervisor.lease-namespace", ns);
    AuditLog audit = AuditLog.of(plane);
    try (TrafficWatch watch = new TrafficWatch(client, ns, "web");
        FakeDetector detector = new FakeDetector();
        TcpProxy proxy = TcpProxy.start(apiServer.getHost(), apiServer.getPort());
        OperatorProcess a = OperatorProcess.start(plane.kubeconfigFor("replica-a", proxy.url()), lease)) {
      await("replica A leads").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> leads(a));
      // B starts while A takes the fleet over; it only has to be ready by the cut.
      try (OperatorProcess b = OperatorProcess.start(plane.kubeconfigFor("replica-b", plane.apiServerUrl()), lease)) {
        apply(client, breakerConfig(ns, "web", """
            service: web
            breakers:
              - name: external
                evaluationPeriod: 1s
                warmup: 0s
                minPodsAvailableRatio: 50
                external:
                  url: %s
            defaultActivator:
              mode: periodic
              period: 2s
            """.formatted(detector.url())));
        await("the whole fleet in traffic").atMost(Duration.ofSeconds(30)).until(() -> watch.inTraffic() == FLEET);
        watch.trackLowestFromNow();

        // Every pod bad: the floor stops the ejections, and the activator keeps bringing pods back to be ejected again.
        long changesBeforeBad = watch.trafficChanges();
        detector.anomalous(fleet.podNames().toArray(String[]::new));
        await("replica A takes pods out, back in, and out again").atMost(Duration.ofSeconds(30))
            .until(() -> watch.trafficChanges() >= changesBeforeBad + 3 * FLOOR);
        await("replica B ready to take over").atMost(Duration.ofSeconds(60)).ignoreExceptions()
            .until(() -> b.get("/health/ready").statusCode() == 200);

        proxy.cut();
        Instant cut = Instant.now();
        await("replica B leads").atMost(LEASE_DURATION.multipliedBy(3)).ignoreExceptions().until(() -> leads(b));
        Instant takeover = Instant.now();
        System.out.printf("partition: replica A cut off -> replica B leads in %d ms%n",
            Duration.between(cut, takeover).toMillis());
        long changesAtTakeover = watch.trafficChanges();
        await("replica B cycles pods for a while").atMost(Duration.ofSeconds(30))
            .until(() -> watch.trafficChanges() >= changesAtTakeover + 6 * FLOOR);

        long forwardedAtHeal = proxy.bytesFromClient();
        proxy.heal();
        Instant healed = Instant.now();
        long changesAtHeal = watch.trafficChanges();
        await("replica A talks to the API server again").atMost(Duration.ofSeconds(30))
            .until(() -> proxy.bytesFromClient() > forwardedAtHeal);
        await("replica A, reconnected, stays alive and a follower").during(Duration.ofSeconds(15))
            .atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofSeconds(1))
            .until(() -> a.isAlive() && !leads(a));

        // In this test's namespace only (the pods, their Events, the Lease): other tests may use the same users.
        List<AuditLog.Entry> byA = audit.writesBy("replica-a").stream()
            .filter(entry -> ns.equals(entry.namespace())).toList();
        List<AuditLog.Entry> podWritesByB = audit.writesBy("replica-b").stream()
            .filter(entry -> ns.equals(entry.namespace()) && "pods".equals(entry.resource())).toList();
        assertThat(byA).as("replica A's pod writes before the cut: it was the one acting")
            .anyMatch(entry -> "pods".equals(entry.resource()) && entry.requestReceivedTimestamp().isBefore(cut));
        assertThat(podWritesByB).as("replica B's pod writes once it led")
            .anyMatch(entry -> entry.requestReceivedTimestamp().isAfter(takeover));
        Instant lastByA = byA.stream().map(AuditLog.Entry::requestReceivedTimestamp).max(Instant::compareTo).get();
        Instant firstByB = podWritesByB.stream().map(AuditLog.Entry::requestReceivedTimestamp).min(Instant::compareTo)
            .get();
        System.out.printf("partition: replica A's last write %d ms after the cut, replica B's first pod write %d ms"
            + " after it, the heal %d ms after it; at least %d pods in traffic throughout%n",
            Duration.between(cut, lastByA).toMillis(), Duration.between(cut, firstByB).toMillis(),
            Duration.between(cut, healed).toMillis(), watch.lowestInTraffic());
        assertThat(byA).as("replica A's writes once its Lease had expired")
            .noneMatch(entry -> entry.requestReceivedTimestamp().isAfter(cut.plus(LEASE_DURATION)));
        // The proxy drops everything until the heal, and the fence stops every write after it.
        assertThat(byA).as("replica A's writes after the cut").noneMatch(entry -> entry.requestReceivedTimestamp()
            .isAfter(cut));
        assertThat(firstByB).as("replica B's first pod write, after replica A's last write").isAfter(lastByA);
        assertThat(watch.trafficChanges()).as("traffic changes by replica B after the heal")
            .isGreaterThan(changesAtHeal);
        assertThat(watch.lowestInTraffic()).as("the fewest pods in traffic, at " + watch.lowestAt())
            .isGreaterThanOrEqualTo(FLOOR);
        assertThat(a.isAlive()).isTrue();
      }
    }
  }

  private static boolean leads(OperatorProcess replica) throws Exception {
    return Scrape.of(replica.httpUrl() + "/metrics").value(LEADER, Map.of()).orElse(0.0) == 1.0;
  }

  /**
   * The fleet's pods as a watch delivers them, one event at a time: how many are in traffic (labelled yes, Ready, not
   * terminating) after each event, the fewest since {@link #trackLowestFromNow()}, and how many traffic labels changed.
   * Counted from the events themselves, not from the informer's store, which may already be ahead of the event handled.
   */
  private static final class TrafficWatch implements AutoCloseable {

    private final Map<String, Pod> pods = new HashMap<>();
    private final SharedIndexInformer<Pod> informer;
    private int inTraffic;
    private long trafficChanges;
    private Integer lowest;
    private Instant lowestAt;

    TrafficWatch(KubernetesClient client, String ns, String app) {
      informer = client.pods().inNamespace(ns).withLabel("app", app).inform(new ResourceEventHandler<>() {
        @Override
        public void onAdd(Pod pod) {
          seen(null, pod);
        }

        @Override
        public void onUpdate(Pod before, Pod after) {
          seen(before, after);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
          seen(pod, null);
        }
      });
    }

    private synchronized void seen(Pod before, Pod after) {
      if (after == null) {
        pods.remove(before.getMetadata().getName());
      } else {
        pods.put(after.getMetadata().getName(), after);
      }
      if (before != null && after != null && !Objects.equals(traffic(before), traffic(after))) {
        trafficChanges++;
      }
      inTraffic = (int) pods.values().stream().filter(TrafficWatch::isInTraffic).count();
      if (lowest != null && inTraffic < lowest) {
        lowest = inTraffic;
        lowestAt = Instant.now();
      }
    }

    synchronized void trackLowestFromNow() {
      lowest = inTraffic;
      lowestAt = Instant.now();
    }

    synchronized int inTraffic() {
      return inTraffic;
    }

    synchronized long trafficChanges() {
      return trafficChanges;
    }

    synchronized int lowestInTraffic() {
      return lowest;
    }

    synchronized Instant lowestAt() {
      return lowestAt;
    }

    private static String traffic(Pod pod) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      return labels == null ? null : labels.get(TrafficLabels.TRAFFIC);
    }

    private static boolean isInTraffic(Pod pod) {
      return pod.getMetadata().getDeletionTimestamp() == null && TrafficLabels.YES.equals(traffic(pod))
          && ServicePods.isManaged(pod);
    }

    @Override
    public void close() {
      informer.close();
    }
  }
}
