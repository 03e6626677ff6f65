package io.kubervisor.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.cluster.ChangeFeed;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.EventRecorder;
import io.kubervisor.cluster.PodKiller;
import io.kubervisor.cluster.PodPatcher;
import io.kubervisor.detectors.http.DetectorCredentials;
import java.time.Clock;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.Registry;

/** Binds the engine's processors under the names the routes in routes/ use. */
public final class Engine {

  private Engine() {}

  /**
   * @param leaseNamespace where the leader-election Lease lives
   * @param identity this replica's name in the Lease, unique among the replicas
   */
  public static void install(CamelContext camelContext, KubernetesClient client, ClusterCache cache,
      MeterRegistry meterRegistry, String leaseNamespace, String identity, Clock clock, Duration activatorTick)
      throws Exception {
    Registry registry = camelContext.getRegistry();
    PodPatcher patcher = new PodPatcher(client);
    EventRecorder events = new EventRecorder(client, clock);
    PodTransitions transitions = new PodTransitions(patcher, events, clock);
    Supervisions supervisions = new Supervisions();
    DecisionMetrics metrics = new DecisionMetrics(meterRegistry);
    FleetGauges fleetGauges = new FleetGauges(meterRegistry);
    ReconcileQueue reconciles = new ReconcileQueue(camelContext.createProducerTemplate());
    ChangeFeed.connect(cache, reconciles::request);

    registry.bind("reconcileQueue", reconciles);
    SupervisionRoutes routes = new SupervisionRoutes(camelContext, activatorTick);
    DetectorCredentials credentials = registry.lookupByNameAndType("detectorCredentials", DetectorCredentials.class);
    registry.bind("reconciler", new Reconciler(reconciles, cache, client, transitions, routes,
        new DetectorRegistry(camelContext), credentials, supervisions, new StatusWriter(client), fleetGauges, clock));
    registry.bind("activate", new Activate(cache, transitions, new PodKiller(client), events, supervisions,
        reconciles, metrics, clock));
    registry.bind("prepareEvaluation", new PrepareEvaluation(cache, clock));
    registry.bind("readVerdicts", new ReadVerdicts());
    Leadership leadership = new Leadership(client, leaseNamespace, identity, camelContext, routes, cache, reconciles,
        fleetGauges, meterRegistry);
    registry.bind("leadership", leadership);
    // Contends only once the context has fully started: a Lease won at once would otherwise start the reconcile route
    // while Camel is still starting the others, which fails.
    camelContext.addStartupListener(new StartupListener() {
      @Override
      public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // not yet: see onCamelContextFullyStarted
      }

      @Override
      public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        context.addService(leadership, true, true);
      }
    });
    registry.bind("ejectWithinFloor", new EjectWithinFloor(cache, patcher, events, supervisions, reconciles, metrics,
        clock));
    registry.bind("recordDetectorFailure", new RecordDetectorFailure(supervisions, reconciles, clock));
  }
}
