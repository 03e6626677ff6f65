package io.kubervisor.engine;

import io.kubervisor.cluster.ClusterCache;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election through a coordination.k8s.io Lease (camel-kubernetes' cluster service). {@code master:} gates only
 * the reconcile consumer; the timer routes of the breakers and activators are stopped here, at once, when leadership
 * is lost, and every BreakerConfig is reconciled when it is won.
 */
public class Leadership extends ServiceSupport implements CamelClusterEventListener.Leadership {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  /** The cluster view the reconcile route's master: endpoint uses. */
  public static final String VIEW = "kubervisor";

  private final CamelClusterService clusterService;
  private final SupervisionRoutes routes;
  private final ClusterCache cache;
  private final ReconcileQueue reconciles;
  private volatile boolean leader;

  Leadership(CamelClusterService clusterService, SupervisionRoutes routes, ClusterCache cache,
      ReconcileQueue reconciles) {
    this.clusterService = clusterService;
    this.routes = routes;
    this.cache = cache;
    this.reconciles = reconciles;
  }

  public boolean isLeader() {
    return leader;
  }

  @Override
  protected void doStart() throws Exception {
    clusterService.getView(VIEW).addEventListener(this);
  }

  @Override
  public void leadershipChanged(CamelClusterView view, CamelClusterMember leaderMember) {
    boolean leads = leaderMember != null && leaderMember.isLocal();
    if (leads == leader) {
      return;
    }
    leader = leads;
    try {
      if (leads) {
        LOG.info("Leading: this replica ({}) supervises", view.getLocalMember().getId());
        routes.lead();
        cache.breakerConfigs().forEach(c -> reconciles.request(Supervisions.key(c.getMetadata().getNamespace(),
            c.getMetadata().getName())));
      } else {
        LOG.info("Not leading ({}): breaker and activator routes stopped",
            leaderMember == null ? "no leader" : "leader is " + leaderMember.getId());
        routes.follow();
      }
    } catch (Exception e) {
      LOG.error("Could not follow the leadership change", e);
    }
  }
}
