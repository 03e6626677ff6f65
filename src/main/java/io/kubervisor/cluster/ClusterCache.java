package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watch-fed caches of BreakerConfigs, Services, Pods and the pods' workloads. fabric8 informers re-list after 410 Gone
 * and reconnect after disconnects or API server restarts; the periodic resync replays every BreakerConfig, so a missed
 * event is repaired. Passes read from here, never from LIST calls.
 *
 * <p>Pods and workloads are kept in compact form ({@link CachedPod}, {@link CachedWorkload}), Services and
 * BreakerConfigs without what no pass reads ({@link Trimmed}), and indexed so that a
 * pass costs work in proportion to its Service's pods: pods by each of their labels, pods by the BreakerConfig that
 * took them out, BreakerConfigs by Service.
 */
public class ClusterCache extends ServiceSupport {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterCache.class);
  private static final long SYNC_TIMEOUT_SECONDS = 120;
  /**
   * The first LIST of an informer comes in pages of this many objects, as client-go's informers ask: each page is
   * compacted into the cache before the next is read, so 10,000 whole pods are never on the heap at once.
   */
  private static final long LIST_PAGE = 500;
  private static final String BY_LABEL = "label";
  private static final String BY_BREAKER_CONFIG = "breakerconfig";
  private static final String BY_SERVICE = "service";

  private final KubernetesClient client;
  private final Scope scope;
  private final Duration resyncPeriod;
  private final long listPage;
  private final List<Consumer<ResourceChange>> listeners = new CopyOnWriteArrayList<>();

  private final CompactStore<WatchedPod, CachedPod> podStore = new CompactStore<>(CachedPod::of, CachedPod::toPod);
  private final Map<String, CompactStore<HasMetadata, CachedWorkload>> workloadStores = Map.of(
      CachedWorkload.DEPLOYMENT, workloadStore(), CachedWorkload.REPLICA_SET, workloadStore(),
      CachedWorkload.STATEFUL_SET, workloadStore(), CachedWorkload.DAEMON_SET, workloadStore());

  private SharedIndexInformer<BreakerConfig> breakerConfigs;
  private SharedIndexInformer<Service> services;
  private SharedIndexInformer<WatchedPod> pods;
  private final List<SharedIndexInformer<?>> workloads = new ArrayList<>();
  private CompletableFuture<Void> synced;

  public ClusterCache(KubernetesClient client, Scope scope, Duration resyncPeriod) {
    this(client, scope, resyncPeriod, LIST_PAGE);
  }

  /** @param listPage objects per page of an informer's first LIST; a test pages a handful of pods with it */
  ClusterCache(KubernetesClient client, Scope scope, Duration resyncPeriod, long listPage) {
    this.client = client;
    this.scope = scope;
    this.resyncPeriod = resyncPeriod;
    this.listPage = listPage;
  }

  /** Called, on an informer thread, for every change; listeners hand work off rather than block. */
  public void addListener(Consumer<ResourceChange> listener) {
    listeners.add(listener);
  }

  public List<BreakerConfig> breakerConfigs() {
    return breakerConfigs.getStore().list();
  }

  public Optional<BreakerConfig> breakerConfig(String namespace, String name) {
    return Optional.ofNullable(breakerConfigs.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
  }

  /** The BreakerConfigs naming this Service, oldest first. */
  public List<BreakerConfig> breakerConfigsOf(String namespace, String service) {
    return breakerConfigs.getIndexer().byIndex(BY_SERVICE, namespace + "/" + service).stream()
        .sorted(Comparator.comparing((BreakerConfig c) -> c.getMetadata().getCreationTimestamp())
            .thenComparing(c -> c.getMetadata().getName()))
        .toList();
  }

  public List<BreakerConfig> breakerConfigsIn(String namespace) {
    return breakerConfigs.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  public Optional<Service> service(String namespace, String name) {
    return Optional.ofNullable(services.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
  }

  /**
   * The pods a Service selects, terminating ones included, ignoring the traffic key kubervisor adds to the selector.
   * Costs the pods of the rarest selector label, not the namespace's.
   */
  public List<CachedPod> selectedPods(Service service) {
    Map<String, String> selector = ServicePods.selector(service);
    if (selector.isEmpty()) {
      return List.of();
    }
    String namespace = service.getMetadata().getNamespace();
    List<String> candidates = null;
    for (Map.Entry<String, String> term : selector.entrySet()) {
      List<String> keys = pods.getIndexer().indexKeys(BY_LABEL, labelKey(namespace, term.getKey(), term.getValue()));
      if (candidates == null || keys.size() < candidates.size()) {
        candidates = keys;
      }
    }
    return candidates.stream().map(podStore::compact).filter(Objects::nonNull)
        .filter(pod -> ServicePods.matches(selector, pod.labels())).toList();
  }

  /** Pods carrying a BreakerConfig's annotation, selected by its Service or not. */
  public List<CachedPod> podsOf(String namespace, String breakerConfig) {
    return pods.getIndexer().indexKeys(BY_BREAKER_CONFIG, namespace + "/" + breakerConfig).stream()
        .map(podStore::compact).filter(Objects::nonNull).toList();
  }

  public Optional<CachedWorkload> workload(String kind, String namespace, String name) {
    CompactStore<HasMetadata, CachedWorkload> store = workloadStores.get(kind);
    return store == null ? Optional.empty() : Optional.ofNullable(store.compact(Cache.namespaceKeyFunc(namespace, name)));
  }

  /** Whether the pod watch is open now: while it is not, the cache may miss changes, so nothing is decided. */
  public boolean podsWatched() {
    return pods.isWatching();
  }

  /** The informers' state, for readiness; empty until they have started. */
  public List<WatchState> watches() {
    if (!isStarted()) {
      return List.of();
    }
    return List.of(WatchState.of("BreakerConfigs", breakerConfigs), WatchState.of("Services", services),
        WatchState.of("Pods", pods));
  }

  /** @param watching whether the watch is open now; an informer between a failure and its retry is not */
  public record WatchState(String resource, boolean synced, boolean watching) {
    static WatchState of(String resource, SharedIndexInformer<?> informer) {
      return new WatchState(resource, informer.hasSynced(), informer.isWatching());
    }
  }

  /**
   * Starts the watches at once, ahead of the rest of the operator's start-up, so their first LISTs run meanwhile;
   * {@link #doStart()} then waits for them. Called again, it does nothing.
   */
  public synchronized void beginSync() {
    if (synced != null) {
      return;
    }
    LOG.info("kubervisor connected to {} (Kubernetes {}), supervising {}", client.getMasterUrl(),
        kubernetesVersion(), scope);
    requireBreakerConfigApi();
    breakerConfigs = informer(client.resources(BreakerConfig.class), "BreakerConfigs", true);
    breakerConfigs.itemStore(new CompactStore<>(Trimmed::breakerConfig, config -> config));
    breakerConfigs.addIndexers(Map.of(BY_SERVICE, config -> config.getSpec() == null ? List.of()
        : List.of(config.getMetadata().getNamespace() + "/" + config.getSpec().service)));
    services = informer(client.services(), "Services", false);
    services.itemStore(new CompactStore<>(Trimmed::service, service -> service));
    // Only BreakerConfigs are looked up by namespace: the others would pay an index entry per object for nothing.
    services.removeNamespaceIndex();
    // Pod watch events, too, are read as WatchedPods by this client (its own serialization), not read whole and
    // converted. Typed reads and writes of pods still read whole Pods (ClusterCacheIT); only a pod watch of its own
    // through this client would see WatchedPods, and the operator has none besides this informer.
    client.getKubernetesSerialization().registerKubernetesResource(WatchedPod.class);
    pods = informer(client.resources(WatchedPod.class, WatchedPod.List.class), "Pods", false);
    pods.itemStore(podStore);
    pods.removeNamespaceIndex();
    pods.addIndexers(Map.of(BY_LABEL, ClusterCache::labelKeys, BY_BREAKER_CONFIG, ClusterCache::breakerConfigKeys));
    workloads.add(workloadInformer(client.apps().deployments(), CachedWorkload.DEPLOYMENT));
    workloads.add(workloadInformer(client.apps().replicaSets(), CachedWorkload.REPLICA_SET));
    workloads.add(workloadInformer(client.apps().statefulSets(), CachedWorkload.STATEFUL_SET));
    workloads.add(workloadInformer(client.apps().daemonSets(), CachedWorkload.DAEMON_SET));
    // All at once: their initial LISTs overlap instead of adding up.
    synced = CompletableFuture.allOf(informers().stream().map(informer -> informer.start().toCompletableFuture())
        .toArray(CompletableFuture[]::new));
  }

  @Override
  protected void doStart() throws Exception {
    beginSync();
    synced.get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    LOG.info("Caches synced: {} BreakerConfigs, {} Services, {} Pods in {}. Waiting for BreakerConfigs.",
        breakerConfigs.getStore().list().size(), services.getStore().list().size(), podStore.size(), scope);
  }

  @Override
  protected void doStop() {
    for (SharedIndexInformer<?> informer : informers()) {
      if (informer != null) {
        informer.stop();
      }
    }
  }

  private List<SharedIndexInformer<?>> informers() {
    List<SharedIndexInformer<?>> all = new ArrayList<>(List.of(breakerConfigs, services, pods));
    all.addAll(workloads);
    return all;
  }

  private static CompactStore<HasMetadata, CachedWorkload> workloadStore() {
    return new CompactStore<>(CachedWorkload::of, CachedWorkload::toResource);
  }

  private static String labelKey(String namespace, String key, String value) {
    return namespace + "/" + key + "=" + value;
  }

  private static List<String> labelKeys(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null) {
      return List.of();
    }
    String namespace = pod.getMetadata().getNamespace();
    return labels.entrySet().stream().map(e -> labelKey(namespace, e.getKey(), e.getValue())).toList();
  }

  private static List<String> breakerConfigKeys(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String owner = annotations == null ? null : annotations.get(TrafficLabels.BREAKER_CONFIG);
    return owner == null ? List.of() : List.of(pod.getMetadata().getNamespace() + "/" + owner);
  }

  private String kubernetesVersion() {
    try {
      return client.getKubernetesVersion().getGitVersion();
    } catch (KubernetesClientException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalStateException("Cannot reach the Kubernetes API at " + client.getMasterUrl() + " (" + cause
          + "). Point KUBECONFIG at a cluster, or run kubervisor in one.", e);
    }
  }

  /** Fails fast, with the fix, when the CRD is missing or the service account may not read BreakerConfigs. */
  private void requireBreakerConfigApi() {
    try {
      inScope(client.resources(BreakerConfig.class)).list(new ListOptionsBuilder().withLimit(1L).build());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        throw new IllegalStateException("The BreakerConfig CRD is not installed: kubectl apply -f deploy/crd/", e);
      }
      if (e.getCode() == 403) {
        throw new IllegalStateException("Forbidden to list BreakerConfigs in " + scope
            + ": grant the operator's service account the RBAC in deploy/ (" + e.getStatus().getMessage() + ")", e);
      }
      throw e;
    }
  }

  /**
   * An informer, not started, that publishes its changes.
   *
   * @param resyncs whether a resync (an update to the same version) is published: for BreakerConfigs it is the
   *     periodic repair; for pods and Services it would only wake every BreakerConfig again
   */
  private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      SharedIndexInformer<T> informer(MixedOperation<T, L, R> resources, String what, boolean resyncs) {
    SharedIndexInformer<T> informer = inScope(resources).withLimit(listPage)
        .runnableInformer(resyncs ? resyncPeriod.toMillis() : 0);
    informer.exceptionHandler((started, failure) -> {
      LOG.warn("Watch of {} failed; retrying: {}", what, failure.getMessage());
      return true;
    });
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T resource) {
        publish(new ResourceChange(resource, false));
      }

      @Override
      public void onUpdate(T before, T after) {
        if (resyncs || before == null
            || !Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
          publish(new ResourceChange(after, false));
        }
      }

      @Override
      public void onDelete(T resource, boolean finalStateUnknown) {
        publish(new ResourceChange(resource, true));
      }
    });
    return informer;
  }

  /** Workloads are read by passes only; their changes show through their pods. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      SharedIndexInformer<T> workloadInformer(MixedOperation<T, L, R> resources, String kind) {
    SharedIndexInformer<T> informer = inScope(resources).withLimit(listPage).runnableInformer(0);
    informer.exceptionHandler((started, failure) -> {
      LOG.warn("Watch of {}s failed; retrying: {}", kind, failure.getMessage());
      return true;
    });
    informer.itemStore((CompactStore) workloadStores.get(kind));
    informer.removeNamespaceIndex();
    return informer;
  }

  private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      FilterWatchListDeletable<T, L, R> inScope(MixedOperation<T, L, R> resources) {
    return scope.allNamespaces() ? resources.inAnyNamespace() : resources.inNamespace(scope.namespace());
  }

  private void publish(ResourceChange change) {
    for (Consumer<ResourceChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.error("Listener failed on {} {}/{}", change.resource().getKind(), change.namespace(), change.name(), e);
      }
    }
  }
}
