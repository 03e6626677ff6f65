package io.kubervisor.cli.dashboard;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cli.Steering;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the pages show, at one instant, as the JSON they receive: each BreakerConfig with its live pods (their
 * states from the traffic labels, so a relabelled pod shows at once), the floor and conditions from its status, and
 * kubervisor's Events about it.
 *
 * @param watching every watch is open: what the pages show is the cluster as it is
 */
record Snapshot(String scope, String server, boolean watching, Map<Mode, String> modes, List<Config> configs) {

  /** The Events of a BreakerConfig shown on its page, newest first. */
  static final int EVENTS = 40;

  record Config(String namespace, String name, String service, boolean serviceFound, Mode mode, boolean reconciled,
      List<ConditionView> conditions, Integer desired, Integer floor, long managed, long inTraffic, long broken,
      long paused, long unknown, List<Breaker> breakers, List<PodView> pods, List<EventView> events,
      List<String> notes) {}

  record ConditionView(String type, String status, String reason, String message) {}

  record Breaker(String name, String detector, String threshold, String evaluationPeriod, String lastEvaluation) {}

  record PodView(String name, State state, boolean managed, String breaker, String reason, String value,
      String threshold, int retries, String brokenAt, String nextRetry, String activator) {}

  record EventView(String time, String type, String reason, String object, String message, Integer count) {}

  static Snapshot of(Watched cluster, Scope scope, String server) {
    Map<String, Service> services = cluster.services().stream()
        .collect(Collectors.toMap(s -> key(s.getMetadata().getNamespace(), s.getMetadata().getName()),
            Function.identity(), (a, b) -> a));
    Map<String, List<Pod>> podsByNamespace = cluster.pods().stream()
        .collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace()));
    Map<String, List<Event>> eventsByNamespace = cluster.events().stream()
        .collect(Collectors.groupingBy(e -> e.getMetadata().getNamespace()));
    Map<Mode, String> modes = new LinkedHashMap<>();
    Arrays.stream(Mode.values()).forEach(mode -> modes.put(mode, Steering.effect(mode)));
    List<Config> configs = cluster.breakerConfigs().stream()
        .sorted(Comparator.comparing((BreakerConfig c) -> c.getMetadata().getNamespace())
            .thenComparing(c -> c.getMetadata().getName()))
        .map(config -> config(config, services, podsByNamespace, eventsByNamespace))
        .toList();
    return new Snapshot(scope.toString(), server, cluster.watching(), modes, configs);
  }

  private static Config config(BreakerConfig config, Map<String, Service> services,
      Map<String, List<Pod>> podsByNamespace, Map<String, List<Event>> eventsByNamespace) {
    String namespace = config.getMetadata().getNamespace();
    String name = config.getMetadata().getName();
    BreakerConfigStatus status = Optional.ofNullable(config.getStatus()).orElseGet(BreakerConfigStatus::new);
    Service service = services.get(key(namespace, config.getSpec().service));
    List<Pod> pods = service == null ? List.of()
        : ServicePods.selected(service, podsByNamespace.getOrDefault(namespace, List.of())).stream()
            .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    Map<String, BreakerSpec> breakers = config.getSpec().breakers.stream()
        .collect(Collectors.toMap(b -> b.name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    Map<String, PodStatus> reported = status.pods.stream()
        .collect(Collectors.toMap(p -> p.name, Function.identity(), (a, b) -> a));
    List<PodView> podViews = pods.stream().map(pod -> pod(pod, name, breakers, reported)).toList();
    List<PodView> managed = podViews.stream().filter(PodView::managed).toList();
    Set<String> podNames = pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    List<EventView> events = eventsByNamespace.getOrDefault(namespace, List.of()).stream()
        .filter(e -> e.getInvolvedObject() != null && (podNames.contains(e.getInvolvedObject().getName())
            || "BreakerConfig".equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName())))
        .map(Snapshot::event)
        .sorted(Comparator.comparing(EventView::time, Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
        .limit(EVENTS).toList();
    Map<String, BreakerEvaluation> evaluations = status.lastEvaluation.stream()
        .collect(Collectors.toMap(e -> e.breaker, Function.identity(), (a, b) -> a));
    return new Config(namespace, name, config.getSpec().service, service != null,
        config.getSpec().mode == null ? Mode.Enabled : config.getSpec().mode, config.getStatus() != null,
        status.conditions.stream().map(Snapshot::condition).toList(), status.desired, status.floor, managed.size(),
        count(managed, State.InTraffic), count(managed, State.Broken), count(managed, State.Paused),
        count(managed, State.Unknown),
        breakers.values().stream().map(b -> new Breaker(b.name, Thresholds.detector(b), Thresholds.describe(b),
            b.evaluationPeriod, evaluation(evaluations.get(b.name)))).toList(),
        podViews, events, notes(status));
  }

  private static PodView pod(Pod pod, String config, Map<String, BreakerSpec> breakers,
      Map<String, PodStatus> reported) {
    String name = pod.getMetadata().getName();
    boolean ours = config.equals(TrafficLabels.annotation(pod, TrafficLabels.BREAKER_CONFIG));
    String breaker = ours ? TrafficLabels.annotation(pod, TrafficLabels.BREAKER) : null;
    BreakerSpec spec = breaker == null ? null : breakers.get(breaker);
    PodStatus status = reported.get(name);
    return new PodView(name, TrafficLabels.state(pod), ServicePods.isManaged(pod), breaker,
        ours ? TrafficLabels.annotation(pod, TrafficLabels.REASON) : null,
        ours ? TrafficLabels.annotation(pod, TrafficLabels.VALUE) : null,
        spec == null ? null : Thresholds.describe(spec), ours ? TrafficLabels.retries(pod) : 0,
        ours ? TrafficLabels.annotation(pod, TrafficLabels.BROKEN_AT) : null,
        status == null ? null : status.nextRetry, status == null ? null : status.activator);
  }

  private static ConditionView condition(Condition condition) {
    return new ConditionView(condition.getType(), condition.getStatus(), condition.getReason(),
        condition.getMessage());
  }

  private static EventView event(Event event) {
    String time = event.getLastTimestamp() != null ? event.getLastTimestamp()
        : event.getEventTime() != null ? event.getEventTime().getTime() : event.getMetadata().getCreationTimestamp();
    return new EventView(time, event.getType(), event.getReason(), event.getInvolvedObject().getKind() + "/"
        + event.getInvolvedObject().getName(), event.getMessage(), event.getCount());
  }

  /** A breaker's last evaluation, in a phrase. */
  private static String evaluation(BreakerEvaluation e) {
    if (e == null) {
      return null;
    }
    String detail = e.error != null ? ": " + e.error : e.evaluated == null ? ""
        : ": " + e.evaluated + " pods judged, " + Objects.requireNonNullElse(e.anomalous, 0) + " anomalous, "
            + Objects.requireNonNullElse(e.ejected, 0) + " ejected, " + Objects.requireNonNullElse(e.spared, 0)
            + " spared by the floor";
    return e.outcome + " at " + e.time + detail;
  }

  /** What the status says beyond the counts: the activator's notes and, in DryRun, the would-be ejections. */
  private static List<String> notes(BreakerConfigStatus status) {
    List<String> activator = status.pods.stream().filter(p -> p.activator != null)
        .map(p -> "Pod " + p.name + ": " + p.activator).toList();
    List<String> dryRun = status.dryRun.stream().map(d -> "DryRun, would take out " + d.pod + " (breaker " + d.breaker
        + ", at " + d.time + "): " + d.reason).toList();
    return java.util.stream.Stream.concat(activator.stream(), dryRun.stream()).toList();
  }

  private static long count(List<PodView> pods, State state) {
    return pods.stream().filter(p -> p.state() == state).count();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
