package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubervisor.api.v1alpha1.PodStatus;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** What {@code explain} prints: the pod's traffic state and why, from its annotations, the status and its Events. */
final class Explanation {

  /** The most recent Events shown. */
  private static final int EVENTS = 10;
  private static final String COMPONENT = "kubervisor";

  private Explanation() {}

  /**
   * @param reported the pod's entry in its BreakerConfig's status, or null
   * @param events the pod's Events; only kubervisor's are shown
   */
  static String of(Pod pod, String namespace, PodStatus reported, List<Event> events, Instant now) {
    String name = pod.getMetadata().getName();
    StringBuilder text = new StringBuilder("Pod " + name + " in namespace " + namespace + " ");
    text.append(switch (TrafficLabels.state(pod)) {
      case InTraffic -> "is in traffic (" + TrafficLabels.TRAFFIC + "=yes).";
      case Broken -> "is out of traffic: a breaker took it out (" + TrafficLabels.TRAFFIC + "=no); kubervisor"
          + " retries it by itself.";
      case Paused -> "is out of traffic: paused for investigation (" + TrafficLabels.TRAFFIC + "=pause). Resume it"
          + " with: kubectl kubervisor resume " + name + " -n " + namespace;
      case Unknown -> "has no " + TrafficLabels.TRAFFIC + " label kubervisor knows: no BreakerConfig supervises its"
          + " Service, or kubervisor has not seen the pod yet.";
    }).append('\n');
    if (!ServicePods.isManaged(pod)) {
      text.append("It is not Running and Ready, so it gets no traffic whatever its label.\n");
    }
    List<String[]> fields = new ArrayList<>();
    add(fields, "Breaker", breaker(pod));
    add(fields, "Reason", TrafficLabels.annotation(pod, TrafficLabels.REASON));
    add(fields, "Value", TrafficLabels.annotation(pod, TrafficLabels.VALUE));
    add(fields, "Broken", when(TrafficLabels.annotation(pod, TrafficLabels.BROKEN_AT), now));
    add(fields, "Retries", TrafficLabels.annotation(pod, TrafficLabels.RETRIES));
    add(fields, "Restored", when(TrafficLabels.annotation(pod, TrafficLabels.RESTORED_AT), now));
    if (reported != null) {
      add(fields, "Next retry", when(reported.nextRetry, now));
      add(fields, "Activator", reported.activator);
    }
    int width = fields.stream().mapToInt(f -> f[0].length()).max().orElse(0);
    fields.forEach(f -> text.append("  ").append(f[0]).append(':').append(" ".repeat(width - f[0].length() + 2))
        .append(f[1]).append('\n'));
    List<Event> own = events.stream()
        .filter(e -> COMPONENT.equals(e.getReportingComponent())
            || e.getSource() != null && COMPONENT.equals(e.getSource().getComponent()))
        .sorted(Comparator.comparing(Explanation::time, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
    if (own.isEmpty()) {
      text.append("\nNo Events from kubervisor about this pod.\n");
    } else {
      Table table = new Table("AGE", "TYPE", "REASON", "MESSAGE");
      own.subList(Math.max(0, own.size() - EVENTS), own.size()).forEach(e -> table.row(
          Objects.toString(Ages.relative(time(e), now), null), e.getType(), e.getReason(), e.getMessage()));
      text.append("\nEvents from kubervisor:\n");
      table.lines().forEach(line -> text.append("  ").append(line).append('\n'));
    }
    return text.toString();
  }

  private static String breaker(Pod pod) {
    String breaker = TrafficLabels.annotation(pod, TrafficLabels.BREAKER);
    String config = TrafficLabels.annotation(pod, TrafficLabels.BREAKER_CONFIG);
    return breaker == null ? null : config == null ? breaker : breaker + " (BreakerConfig " + config + ")";
  }

  private static String when(String time, Instant now) {
    return time == null ? null : time + " (" + Ages.relative(time, now) + ")";
  }

  private static void add(List<String[]> fields, String label, String value) {
    if (value != null) {
      fields.add(new String[] {label, value});
    }
  }

  /** When the event last happened: its lastTimestamp, else its eventTime, else its creation. */
  private static String time(Event event) {
    if (event.getLastTimestamp() != null) {
      return event.getLastTimestamp();
    }
    if (event.getEventTime() != null) {
      return event.getEventTime().getTime();
    }
    return event.getMetadata().getCreationTimestamp();
  }
}
