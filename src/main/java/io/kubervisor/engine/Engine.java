package io.kubervisor.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.cluster.ChangeFeed;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.EventRecorder;
import io.kubervisor.cluster.PodKiller;
import io.kubervisor.cluster.PodPatcher;
import io.kubervisor.detectors.http.DetectorCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** Binds the engine's processors under the names the routes in routes/ use. */
public final class Engine {

  private Engine() {}

  /**
   * @param client reads: the informers and detector Secrets
   * @param writeClient writes and the Lease, with no retries and a short timeout, so none lands after the fence
   * @param leaseNamespace where the leader-election Lease lives
   * @param identity this replica's name in the Lease, unique among the replicas
   * @param detectorCalls how many detector calls run at once, whatever the number of BreakerConfigs
   */
  public static void install(CamelContext camelContext, KubernetesClient client, KubernetesClient writeClient,
      ClusterCache cache, MeterRegistry meterRegistry, String leaseNamespace, String identity, Clock clock,
      int detectorCalls) throws Exception {
    Registry registry = camelContext.getRegistry();
    PassMetrics metrics = new PassMetrics(meterRegistry);
    FleetGauges fleetGauges = new FleetGauges(meterRegistry);
    Supervisions supervisions = new Supervisions(new ManagedBreakerConfigs(camelContext));
    ChangeFeed.connect(cache, supervisions::wake);
    // The Lease too goes through the write client: the main client's retries could hold a renewal past its deadline.
    Leadership leadership = new Leadership(writeClient, leaseNamespace, identity, cache, supervisions, fleetGauges,
        meterRegistry);
    PodTransitions transitions = new PodTransitions(new PodPatcher(writeClient), new PodKiller(writeClient),
        new EventRecorder(writeClient, clock), metrics, clock);
    StatusWriter statusWriter = new StatusWriter(writeClient);
    DetectorCredentials credentials = registry.lookupByNameAndType("detectorCredentials", DetectorCredentials.class);

    registry.bind("duePasses", Contained.errors(new DuePasses(leadership, supervisions, fleetGauges, clock)));
    registry.bind("reconcile", Contained.errors(new Reconcile(cache, writeClient, leadership, supervisions, transitions,
        new DetectorRegistry(camelContext), credentials, fleetGauges, clock)));
    ExecutorService calls = camelContext.getExecutorServiceManager().newFixedThreadPool(supervisions, "detector-calls",
        detectorCalls);
    if (calls instanceof ThreadPoolExecutor pool) {
      pool.prestartAllCoreThreads(); // the same threads whatever the load: its size is all it ever costs
    }
    registry.bind("detectorCalls", calls);
    registry.bind("prepareDetectorCall", Contained.errors(new PrepareDetectorCall()));
    registry.bind("detectorFailed", Contained.errors(new DetectorFailed()));
    registry.bind("activate", Contained.errors(new Activate(cache, transitions, clock)));
    registry.bind("ejectWithinFloor", Contained.errors(new EjectWithinFloor(transitions, metrics, clock)));
    registry.bind("writeStatus", Contained.errors(new WriteStatus(statusWriter, fleetGauges, clock)));
    registry.bind("recordPassFailure", Contained.errors(new RecordPassFailure(statusWriter, fleetGauges, clock)));
    registry.bind("endPass", Contained.errors(new EndPass(metrics, clock)));
    // Contends at once: a pass runs only when the dispatcher route does, so winning the Lease early costs nothing and
    // saves the wait of an election after start-up.
    camelContext.addService(leadership, true, true);
  }
}
