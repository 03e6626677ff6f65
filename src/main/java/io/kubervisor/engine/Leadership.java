package io.kubervisor.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubervisor.cluster.ClusterCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election through a coordination.k8s.io Lease, so several replicas can run and only one acts. The leader runs
 * the reconcile route and, through it, the breaker and activator routes; losing the lease stops them all at once.
 * (camel-kubernetes' cluster service needs the operator to run as a labelled pod, so it cannot elect a leader for a
 * sandbox or a laptop; fabric8's elector only needs the Lease.)
 */
public class Leadership extends ServiceSupport {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  public static final String LEASE_NAME = "kubervisor-leader";
  static final String RECONCILE_ROUTE = "reconcile";
  static final Duration LEASE_DURATION = Duration.ofSeconds(15);

  private final KubernetesClient client;
  private final String leaseNamespace;
  private final String identity;
  private final CamelContext camelContext;
  private final SupervisionRoutes routes;
  private final ClusterCache cache;
  private final ReconcileQueue reconciles;
  private final FleetGauges fleetGauges;
  private volatile boolean leader;
  private volatile CompletableFuture<?> election;

  Leadership(KubernetesClient client, String leaseNamespace, String identity, CamelContext camelContext,
      SupervisionRoutes routes, ClusterCache cache, ReconcileQueue reconciles, FleetGauges fleetGauges,
      MeterRegistry meters) {
    this.client = client;
    this.leaseNamespace = leaseNamespace;
    this.identity = identity;
    this.camelContext = camelContext;
    this.routes = routes;
    this.cache = cache;
    this.reconciles = reconciles;
    this.fleetGauges = fleetGauges;
    Gauge.builder(Metrics.LEADER, this, replica -> replica.leader ? 1 : 0)
        .description("1 on the replica that holds the Lease and supervises, else 0")
        .register(meters);
  }

  @Override
  protected void doStart() {
    LOG.info("Contending for Lease {}/{} as {}", leaseNamespace, LEASE_NAME, identity);
    contend();
  }

  @Override
  protected void doStop() {
    if (election != null) {
      election.cancel(true); // releases the Lease, so another replica takes over at once
    }
  }

  /** fabric8's elector ends when leadership is lost; a replica that is still running contends again. */
  private void contend() {
    election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
        .withName(LEASE_NAME)
        .withLock(new LeaseLock(leaseNamespace, LEASE_NAME, identity))
        .withLeaseDuration(LEASE_DURATION)
        .withRenewDeadline(Duration.ofSeconds(10))
        .withRetryPeriod(Duration.ofSeconds(2))
        .withReleaseOnCancel()
        .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading,
            newLeader -> LOG.info("Leader is {}", newLeader)))
        .build()).build().start();
    election.whenComplete((done, failure) -> {
      if (failure != null && !election.isCancelled()) {
        LOG.warn("Leader election failed; contending again: {}", failure.getMessage());
      }
      if (isRunAllowed() && !isStopping()) {
        contend();
      }
    });
  }

  private void startLeading() {
    LOG.info("Leading: this replica ({}) supervises", identity);
    leader = true;
    try {
      routes.lead();
      camelContext.getRouteController().startRoute(RECONCILE_ROUTE);
      cache.breakerConfigs().forEach(c -> reconciles.request(Supervisions.key(c.getMetadata().getNamespace(),
          c.getMetadata().getName())));
    } catch (Exception e) {
      // A leader that does not supervise must not keep the Lease: give it up, so this or another replica retries.
      LOG.error("Could not start supervising; giving up the Lease", e);
      election.cancel(true);
    }
  }

  private void stopLeading() {
    LOG.info("Not leading any more ({}): breaker and activator routes stopped", identity);
    leader = false;
    try {
      // The breaker and activator routes first: they act on pods, and the new leader may be acting already. A
      // reconcile still in flight can then start none of them again.
      routes.follow();
      camelContext.getRouteController().stopRoute(RECONCILE_ROUTE);
      fleetGauges.forgetAll();
    } catch (Exception e) {
      LOG.error("Could not stop supervising", e);
    }
  }
}
