package io.kubervisor.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.cluster.ChangeFeed;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.EventRecorder;
import io.kubervisor.cluster.PodPatcher;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** Binds the engine's processors under the names the routes in routes/ use. */
public final class Engine {

  private Engine() {}

  public static void install(CamelContext camelContext, KubernetesClient client, ClusterCache cache, Clock clock) {
    Registry registry = camelContext.getRegistry();
    PodPatcher patcher = new PodPatcher(client);
    EventRecorder events = new EventRecorder(client, clock);
    Supervisions supervisions = new Supervisions();
    ReconcileQueue reconciles = new ReconcileQueue(camelContext.createProducerTemplate());
    ChangeFeed.connect(cache, reconciles::request);

    registry.bind("reconcileQueue", reconciles);
    registry.bind("reconciler", new Reconciler(reconciles, cache, patcher, new BreakerRoutes(camelContext),
        new DetectorRegistry(camelContext), supervisions, new StatusWriter(client), clock));
    registry.bind("prepareEvaluation", new PrepareEvaluation(cache));
    registry.bind("readVerdicts", new ReadVerdicts());
    registry.bind("ejectWithinFloor", new EjectWithinFloor(cache, patcher, events, supervisions, reconciles, clock));
    registry.bind("recordDetectorFailure", new RecordDetectorFailure(supervisions, reconciles, clock));
  }
}
