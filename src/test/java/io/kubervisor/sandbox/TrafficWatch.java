package io.kubervisor.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The traffic label of every pod of the fleet, followed by an informer: the pods now, and every change of label since
 * the start, timed on arrival. A deleted pod is a {@link #GONE} transition.
 */
public final class TrafficWatch implements AutoCloseable {

  /** The "to" of a pod that was deleted. */
  public static final String GONE = "gone";

  /** A pod's traffic label changed; {@code from} is null for a pod that had none. */
  public record Transition(Instant at, String pod, String from, String to) {
  }

  /** A pod as the view shows it. */
  public record PodState(String name, Instant created, String traffic, boolean terminating) {
  }

  private final Clock clock;
  private final SharedIndexInformer<Pod> informer;
  private final List<Transition> transitions = new ArrayList<>();

  private TrafficWatch(KubernetesClient client, String namespace, Map<String, String> selector, Clock clock) {
    this.clock = clock;
    informer = client.pods().inNamespace(namespace).withLabels(selector).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        // Not a change: the pods of the start, or a new pod, whose label kubervisor adds by an update.
      }

      @Override
      public void onUpdate(Pod before, Pod after) {
        String from = traffic(before);
        String to = traffic(after);
        if (!Objects.equals(from, to)) {
          record(after, from, to);
        }
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        record(pod, traffic(pod), GONE);
      }
    });
  }

  public static TrafficWatch start(KubernetesClient client, String namespace, Map<String, String> selector) {
    return new TrafficWatch(client, namespace, selector, Clock.systemUTC());
  }

  public synchronized List<Transition> transitions() {
    return List.copyOf(transitions);
  }

  /** The fleet's pods now, oldest first (replacements last). */
  public List<PodState> pods() {
    return informer.getStore().list().stream()
        .map(pod -> new PodState(pod.getMetadata().getName(), Instant.parse(pod.getMetadata().getCreationTimestamp()),
            traffic(pod), pod.getMetadata().getDeletionTimestamp() != null))
        .sorted(Comparator.comparing(PodState::created).thenComparing(PodState::name))
        .toList();
  }

  private synchronized void record(Pod pod, String from, String to) {
    transitions.add(new Transition(clock.instant(), pod.getMetadata().getName(), from, to));
  }

  private static String traffic(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? null : labels.get(TrafficLabels.TRAFFIC);
  }

  @Override
  public void close() {
    informer.close();
  }
}
