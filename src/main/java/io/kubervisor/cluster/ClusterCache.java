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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watch-fed caches of BreakerConfigs, Services and Pods. fabric8 informers re-list after 410 Gone and reconnect after
 * disconnects or API server restarts, which the raw watches of the camel-kubernetes consumers do not; the periodic
 * resync replays every object so a missed event is repaired. Evaluations read from here, never from LIST calls.
 */
public class ClusterCache extends ServiceSupport {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterCache.class);
  private static final long SYNC_TIMEOUT_SECONDS = 120;

  private final KubernetesClient client;
  private final Scope scope;
  private final Duration resyncPeriod;
  private final List<Consumer<ResourceChange>> listeners = new CopyOnWriteArrayList<>();
  private final Object podChanged = new Object();

  private SharedIndexInformer<BreakerConfig> breakerConfigs;
  private SharedIndexInformer<Service> services;
  private SharedIndexInformer<Pod> pods;

  public ClusterCache(KubernetesClient client, Scope scope, Duration resyncPeriod) {
    this.client = client;
    this.scope = scope;
    this.resyncPeriod = resyncPeriod;
  }

  /** Called, on an informer thread, for every change; listeners hand work off rather than block. */
  public void addListener(Consumer<ResourceChange> listener) {
    listeners.add(listener);
  }

  public Scope scope() {
    return scope;
  }

  public List<BreakerConfig> breakerConfigs() {
    return breakerConfigs.getStore().list();
  }

  public Optional<BreakerConfig> breakerConfig(String namespace, String name) {
    return Optional.ofNullable(breakerConfigs.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
  }

  public Optional<Service> service(String namespace, String name) {
    return Optional.ofNullable(services.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
  }

  public List<Pod> pods(String namespace) {
    return pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
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

  @Override
  protected void doStart() throws Exception {
    LOG.info("kubervisor connected to {} (Kubernetes {}), supervising {}", client.getMasterUrl(),
        kubernetesVersion(), scope);
    requireBreakerConfigApi();
    breakerConfigs = informer(client.resources(BreakerConfig.class), "BreakerConfigs");
    services = informer(client.services(), "Services");
    pods = informer(client.pods(), "Pods");
    LOG.info("Caches synced: {} BreakerConfigs, {} Services, {} Pods in {}. Waiting for BreakerConfigs.",
        breakerConfigs.getStore().list().size(), services.getStore().list().size(), pods.getStore().list().size(),
        scope);
  }

  @Override
  protected void doStop() {
    for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {pods, services, breakerConfigs}) {
      if (informer != null) {
        informer.stop();
      }
    }
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

  private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      SharedIndexInformer<T> informer(MixedOperation<T, L, R> resources, String what) throws Exception {
    SharedIndexInformer<T> informer = inScope(resources).runnableInformer(resyncPeriod.toMillis());
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
        publish(new ResourceChange(after, false));
      }

      @Override
      public void onDelete(T resource, boolean finalStateUnknown) {
        publish(new ResourceChange(resource, true));
      }
    });
    informer.start().toCompletableFuture().get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return informer;
  }

  private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      FilterWatchListDeletable<T, L, R> inScope(MixedOperation<T, L, R> resources) {
    return scope.allNamespaces() ? resources.inAnyNamespace() : resources.inNamespace(scope.namespace());
  }

  /**
   * Waits until the cached pod satisfies the condition, for instance until it shows a write just made, so the next
   * decision counts it. Returns false on timeout.
   */
  public boolean awaitPod(String namespace, String name, Predicate<Pod> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (podChanged) {
      while (true) {
        Pod pod = pods.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
        if (pod != null && condition.test(pod)) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(podChanged, left);
      }
    }
  }

  private void publish(ResourceChange change) {
    if (change.resource() instanceof Pod) {
      synchronized (podChanged) {
        podChanged.notifyAll();
      }
    }
    for (Consumer<ResourceChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.error("Listener failed on {} {}/{}", change.resource().getKind(), change.namespace(), change.name(), e);
      }
    }
  }
}
