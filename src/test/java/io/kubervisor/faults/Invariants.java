package io.kubervisor.faults;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The invariants a supervised Service keeps through any fault, checked from the test's own watches (its pods, its
 * EndpointSlices, the BreakerConfig, the Deployment and the Service) at every event they deliver, and on a short tick
 * for the checks that have a grace:
 *
 * <ol type="a">
 *   <li>{@link FloorInvariant}: the ready endpoints never fall below the floor;
 *   <li>{@link NextStepInvariant}: no pod is out of traffic without a reason and a next step, nor past its due time;
 *   <li>{@link CleanDeletionInvariant}: no kubervisor.io/ annotation is left on the pods of a deleted BreakerConfig;
 *   <li>{@link ServedInvariant}: every pod that should be in traffic is a ready endpoint within one evaluation period.
 * </ol>
 *
 * A test starts them once its fleet is in traffic, wraps each outage it causes in {@link #outage(Outage)}, and ends
 * with {@link #awaitSettled()}, which fails on any breach.
 */
public final class Invariants implements AutoCloseable {

  private static final Duration TICK = Duration.ofMillis(200);
  private static final Duration ARMING_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration WATCHES_BACK_TIMEOUT = Duration.ofSeconds(90);

  /** An outage in progress; closing it ends the outage. */
  public interface Window extends AutoCloseable {
    @Override
    void close();
  }

  private final Limits limits;
  private final ObservedState state = new ObservedState();
  private final Outages outages = new Outages();
  private final Breaches breaches = new Breaches();
  private final FloorInvariant floor = new FloorInvariant();
  private final List<Invariant> invariants;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  /** A check that threw: a bug of the checks, which must fail the test as loudly as a breach. */
  private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "invariants-tick");
    thread.setDaemon(true);
    return thread;
  });

  private Invariants(Supervised target, Limits limits) {
    this.limits = limits;
    invariants = List.of(floor, new NextStepInvariant(limits, outages),
        new CleanDeletionInvariant(target.breakerConfig(), limits), new ServedInvariant(limits, outages));
  }

  /**
   * Starts the watches and the checks, and returns once the ready endpoints have reached the floor: call it once the
   * BreakerConfig has a status and the fleet is in traffic.
   */
  public static Invariants start(KubernetesClient client, Supervised target, Limits limits) {
    Invariants started = new Invariants(target, limits);
    try {
      started.watch(client, target);
      started.ticker.scheduleAtFixedRate(() -> started.seen(() -> { }), TICK.toMillis(), TICK.toMillis(),
          TimeUnit.MILLISECONDS);
      await("ready endpoints at the floor, which arms it").atMost(ARMING_TIMEOUT).until(started::armed);
    } catch (RuntimeException | Error e) {
      started.close();
      throw e;
    }
    return started;
  }

  /**
   * Marks an outage the test causes: until the window is closed, the checks that depend on what is away wait, and
   * their grace starts again at the close. Closing waits until the test's own watches are connected again, so that
   * the grace never runs while they are still catching up.
   */
  public Window outage(Outage outage) {
    synchronized (this) {
      outages.begin(outage);
    }
    return () -> {
      await("the invariants' watches connected again").atMost(WATCHES_BACK_TIMEOUT)
          .until(() -> informers.stream().allMatch(SharedIndexInformer::isWatching));
      synchronized (this) {
        outages.end(outage, Instant.now());
      }
    };
  }

  public synchronized InvariantTotals totals() {
    FloorInvariant.Lowest lowest = floor.lowest();
    return new InvariantTotals(state.events(), breaches.all(), lowest == null ? null : lowest.readyEndpoints(),
        lowest == null ? 0 : lowest.floor(), lowest == null ? null : lowest.at(), state.ejections(),
        state.restores(), state.pauses());
  }

  public synchronized List<Breach> breaches() {
    return breaches.all();
  }

  /** Fails with every breach so far, if any. */
  public void assertHeld() {
    if (!failures.isEmpty()) {
      throw new AssertionError("a check failed", failures.get(0));
    }
    List<Breach> all = breaches();
    if (!all.isEmpty()) {
      throw new AssertionError(all.size() + " breach(es) of the invariants:\n" + all.stream().map(Breach::toString)
          .collect(Collectors.joining("\n")));
    }
  }

  /**
   * Waits until no check is within its grace any more (every pod that should be served is, every pod out has its next
   * step, a deleted BreakerConfig's pods are clean), then fails on any breach: the end of a fault.
   */
  public void awaitSettled() {
    settle();
    assertHeld();
  }

  /** Waits as {@link #awaitSettled()} does, without failing on a breach: for a caller that reports them. */
  public void settle() {
    await("every invariant settled").atMost(limits.grace().multipliedBy(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> settled() || !breaches().isEmpty() || !failures.isEmpty());
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    informers.forEach(SharedIndexInformer::close);
  }

  private synchronized boolean armed() {
    return floor.armed();
  }

  private synchronized boolean settled() {
    return !outages.anyOpen() && invariants.stream().allMatch(Invariant::settled);
  }

  private void watch(KubernetesClient client, Supervised target) {
    String ns = target.namespace();
    inform(client.pods().inNamespace(ns), (name, pod) -> state.pod(name, pod));
    inform(client.discovery().v1().endpointSlices().inNamespace(ns)
        .withLabel("kubernetes.io/service-name", target.service()), (name, slice) -> state.slice(name, slice));
    inform(client.resources(BreakerConfig.class).inNamespace(ns).withName(target.breakerConfig()),
        (name, config) -> state.breakerConfig(config, Instant.now()));
    inform(client.apps().deployments().inNamespace(ns).withName(target.deployment()),
        (name, deployment) -> state.deployment(deployment));
    inform(client.services().inNamespace(ns).withName(target.service()), (name, service) -> state.service(service));
  }

  /** Informs on {@code source}, handing each object (null once deleted) to {@code apply}, then checking. */
  private <T extends HasMetadata> void inform(Informable<T> source, BiConsumer<String, T> apply) {
    informers.add(source.inform(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T object) {
        seen(() -> apply.accept(object.getMetadata().getName(), object));
      }

      @Override
      public void onUpdate(T before, T after) {
        seen(() -> apply.accept(after.getMetadata().getName(), after));
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        seen(() -> apply.accept(object.getMetadata().getName(), null));
      }
    }));
  }

  /** Applies a change the watches delivered (none, on a tick), then runs every check on the result. */
  private synchronized void seen(Runnable change) {
    try {
      change.run();
      Instant now = Instant.now();
      invariants.forEach(invariant -> invariant.check(state, now, breaches));
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }
}
