package io.kubervisor.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.WriteFence;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election through a coordination.k8s.io Lease, so several replicas can run and only one acts. Each time this
 * replica wins the Lease a new {@link Term} starts; every write checks it first, so writes stop the moment the Lease
 * may be lost, before any other replica can take it over:
 *
 * <ul>
 *   <li>a term holds only while the Lease was renewed within {@link #FENCE} of the start of the renewal (the renewal's
 *       time is what other replicas count the Lease's expiry from);
 *   <li>writes time out after {@link #WRITE_TIMEOUT} and are never retried by the client, so a write checked at the
 *       last moment ends before {@link #LEASE_DURATION} has passed.
 * </ul>
 * (camel-kubernetes' cluster service needs the operator to run as a labelled pod, so it cannot elect a leader for a
 * sandbox or a laptop; fabric8's elector only needs the Lease.)
 */
public class Leadership extends ServiceSupport {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  public static final String LEASE_NAME = "kubervisor-leader";
  static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
  static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
  /** How long after the start of its last renewal a term may still write. */
  static final Duration FENCE = Duration.ofSeconds(8);
  /** The request timeout of the client that writes; FENCE + WRITE_TIMEOUT stays below LEASE_DURATION. */
  public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(4);

  private final KubernetesClient client;
  private final String leaseNamespace;
  private final RenewalClock renewals;
  private final ClusterCache cache;
  private final Supervisions supervisions;
  private final FleetGauges fleetGauges;
  private volatile Term term;
  private volatile CompletableFuture<?> election;

  /** One tenure of this replica as leader. A term that ended never holds again, even if the replica leads again. */
  public final class Term implements WriteFence {

    private Term() {}

    public boolean holds() {
      return term == this && renewals.renewedWithin(FENCE);
    }

    @Override
    public void check() {
      if (!holds()) {
        throw new LeadershipLostException("this replica no longer holds the Lease " + leaseNamespace + "/"
            + LEASE_NAME + " with a safe margin; another replica may be leading");
      }
    }
  }

  Leadership(KubernetesClient client, String leaseNamespace, String identity, ClusterCache cache,
      Supervisions supervisions, FleetGauges fleetGauges, MeterRegistry meters) {
    this.client = client;
    this.leaseNamespace = leaseNamespace;
    this.renewals = new RenewalClock(new LeaseLock(leaseNamespace, LEASE_NAME, identity));
    this.cache = cache;
    this.supervisions = supervisions;
    this.fleetGauges = fleetGauges;
    Gauge.builder(Metrics.LEADER, this, replica -> replica.term() != null ? 1 : 0)
        .description("1 on the replica that holds the Lease and supervises, else 0")
        .register(meters);
  }

  /** The term in which this replica may write now, or none. */
  Term term() {
    Term current = term;
    return current != null && current.holds() ? current : null;
  }

  @Override
  protected void doStart() {
    LOG.info("Contending for Lease {}/{} as {}", leaseNamespace, LEASE_NAME, renewals.identity());
    contend();
  }

  @Override
  protected void doStop() {
    // The fence first: a pass still in flight must not write once another replica may lead.
    endTerm();
    if (election != null) {
      election.cancel(true); // releases the Lease, so another replica takes over at once
    }
  }

  /** fabric8's elector ends when leadership is lost; a replica that is still running contends again. */
  private void contend() {
    election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
        .withName(LEASE_NAME)
        .withLock(renewals)
        .withLeaseDuration(LEASE_DURATION)
        .withRenewDeadline(RENEW_DEADLINE)
        .withRetryPeriod(RETRY_PERIOD)
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
    LOG.info("Leading: this replica ({}) supervises", renewals.identity());
    supervisions.restart(true);
    term = new Term();
    cache.breakerConfigs().forEach(c -> supervisions.wake(Supervisions.key(c.getMetadata().getNamespace(),
        c.getMetadata().getName())));
  }

  private void stopLeading() {
    LOG.info("Not leading any more ({}): no more writes", renewals.identity());
    endTerm();
  }

  private void endTerm() {
    term = null;
    supervisions.restart(false);
    fleetGauges.forgetAll();
  }

  /**
   * The Lease lock, remembering when this replica's last successful renewal started. The elector reads the Lease and
   * then writes it with the time it read; the read's start is therefore never later than the renewal time other
   * replicas see, which keeps the fence on the safe side.
   */
  private static final class RenewalClock implements Lock {

    private final Lock lease;
    private volatile long attemptStarted;
    private volatile long renewed;

    RenewalClock(Lock lease) {
      this.lease = lease;
    }

    boolean renewedWithin(Duration window) {
      long at = renewed;
      return at != 0 && System.nanoTime() - at < window.toNanos();
    }

    @Override
    public LeaderElectionRecord get(KubernetesClient client) {
      attemptStarted = System.nanoTime();
      return lease.get(client);
    }

    @Override
    public void create(KubernetesClient client, LeaderElectionRecord record) {
      lease.create(client, record);
      wrote(record);
    }

    @Override
    public void update(KubernetesClient client, LeaderElectionRecord record) {
      if (!identity().equals(record.getHolderIdentity())) {
        renewed = 0; // releasing: no write may follow
      }
      lease.update(client, record);
      wrote(record);
    }

    private void wrote(LeaderElectionRecord record) {
      renewed = identity().equals(record.getHolderIdentity()) ? attemptStarted : 0;
    }

    @Override
    public String identity() {
      return lease.identity();
    }

    @Override
    public String describe() {
      return lease.describe();
    }
  }
}
