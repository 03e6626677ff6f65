package io.kubervisor.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubervisor.cluster.TrafficLabels;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each pod left traffic, from a watch of the pods labelled {@code kubervisor/traffic=no}: a pod that takes the
 * label enters the watch's selection, and the API server sends it then.
 */
final class TrafficExits implements AutoCloseable {

  private final Map<String, Long> exitNanos = new ConcurrentHashMap<>();
  private final Watch watch;

  TrafficExits(KubernetesClient client) {
    watch = client.pods().inAnyNamespace().withLabel(TrafficLabels.TRAFFIC, TrafficLabels.NO).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        long now = System.nanoTime();
        if (action != Action.DELETED) {
          exitNanos.putIfAbsent(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), now);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        // A watch that ended shows in the report as pods never seen leaving.
      }
    });
  }

  /** When the pod ({@code namespace/name}) first left traffic (System.nanoTime), or null. */
  Long exitNanos(String podKey) {
    return exitNanos.get(podKey);
  }

  int exits() {
    return exitNanos.size();
  }

  @Override
  public void close() {
    watch.close();
  }
}
