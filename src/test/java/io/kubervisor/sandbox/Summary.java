package io.kubervisor.sandbox;

import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.sandbox.RequestHistory.Totals;
import io.kubervisor.sandbox.TrafficWatch.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The measured outcome of a sandbox run. The client error rate is split in three phases: before the first fault;
 * during it, until kubervisor had taken every pod of that fault out of traffic (or, if it never did, until no pod was
 * faulty, or the end); and after.
 *
 * @param during null when there was no fault
 * @param after null when the run ended during the fault
 * @param faultToEjection for each faulty pod that kubervisor took out, the time from its fault to its first ejection
 * @param faultyPods how many pods became faulty
 */
public record Summary(String scenario, Duration length, Phase before, Phase during, Phase after,
    List<Duration> faultToEjection, int faultyPods, int ejected, int restored, int paused, int killed, int floor,
    int fleet, int fewestInTraffic, Set<String> dryRunPods) {

  /** A part of the run, from and to seconds after its start, and what clients saw then. */
  public record Phase(Duration from, Duration to, Totals clients) {
  }

  /** What happened during a run, as recorded. */
  record Run(Instant start, Instant end, RequestHistory clients, Map<String, Instant> faults, Optional<Instant> healed,
      List<Transition> transitions) {
  }

  static Summary of(String scenario, Run run, int floor, int fleet, int fewestInTraffic, Set<String> dryRunPods) {
    List<Duration> faultToEjection = new ArrayList<>();
    Optional<Instant> firstFault = run.faults.values().stream().min(Instant::compareTo);
    Instant protectedAt = null;
    boolean allOfFirstOut = firstFault.isPresent();
    for (Map.Entry<String, Instant> fault : run.faults.entrySet()) {
      Optional<Instant> ejected = firstEjection(run.transitions, fault.getKey(), fault.getValue());
      ejected.ifPresent(at -> faultToEjection.add(Duration.between(fault.getValue(), at)));
      if (fault.getValue().equals(firstFault.orElse(null))) {
        if (ejected.isEmpty()) {
          allOfFirstOut = false;
        } else if (protectedAt == null || ejected.get().isAfter(protectedAt)) {
          protectedAt = ejected.get();
        }
      }
    }
    faultToEjection.sort(Duration::compareTo);
    Phase before = phase(run, run.start, firstFault.orElse(run.end));
    Phase during = null;
    Phase after = null;
    if (firstFault.isPresent()) {
      Instant split = allOfFirstOut ? protectedAt : run.healed.orElse(run.end);
      during = phase(run, firstFault.get(), split);
      after = split.isBefore(run.end) ? phase(run, split, run.end) : null;
    }
    return new Summary(scenario, Duration.between(run.start, run.end), before, during, after,
        List.copyOf(faultToEjection), run.faults.size(), count(run, TrafficLabels.YES, TrafficLabels.NO),
        count(run, TrafficLabels.NO, TrafficLabels.YES) + count(run, TrafficLabels.PAUSE, TrafficLabels.YES),
        count(run, null, TrafficLabels.PAUSE), count(run, null, TrafficWatch.GONE), floor, fleet, fewestInTraffic,
        Set.copyOf(dryRunPods));
  }

  /** The first time the pod left traffic at or after its fault. */
  private static Optional<Instant> firstEjection(List<Transition> transitions, String pod, Instant fault) {
    return transitions.stream()
        .filter(t -> t.pod().equals(pod) && !t.at().isBefore(fault))
        .filter(t -> TrafficLabels.NO.equals(t.to()) || TrafficLabels.PAUSE.equals(t.to()))
        .map(Transition::at)
        .findFirst();
  }

  /** Transitions to {@code to}, from {@code from} (any, if null). */
  private static int count(Run run, String from, String to) {
    return (int) run.transitions.stream()
        .filter(t -> to.equals(t.to()) && (from == null || from.equals(t.from())))
        .count();
  }

  private static Phase phase(Run run, Instant from, Instant to) {
    return new Phase(Duration.between(run.start, from), Duration.between(run.start, to),
        run.clients.between(from, to));
  }

  /** The summary for people, a line per measure. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("Summary of scenario " + scenario + " (" + length.toSeconds() + " s)");
    lines.add(String.format(Locale.ROOT, "  %-20s %s", "client error rate", phases(this::errorRate)));
    lines.add(String.format(Locale.ROOT, "  %-20s %s", "client mean latency", phases(this::latency)));
    lines.add(String.format(Locale.ROOT, "  %-20s %s", "fault to ejection", faultToEjectionText()));
    lines.add(String.format(Locale.ROOT, "  %-20s ejected %d, restored %d, paused %d, killed %d", "pods", ejected,
        restored, paused, killed));
    lines.add(String.format(Locale.ROOT, "  %-20s at least %d of %d pods in traffic; fewest seen %d%s", "floor",
        floor, fleet, fewestInTraffic, fewestInTraffic >= floor ? " (held)" : " (BROKEN)"));
    if (!dryRunPods.isEmpty()) {
      lines.add(String.format(Locale.ROOT, "  %-20s would have taken out %d pods: %s", "dry run", dryRunPods.size(),
          String.join(", ", dryRunPods.stream().sorted().toList())));
    }
    return lines;
  }

  private String phases(Function<Phase, String> measure) {
    List<String> parts = new ArrayList<>();
    parts.add("before " + range(before) + " " + measure.apply(before));
    if (during != null) {
      parts.add("during " + range(during) + " " + measure.apply(during));
    }
    if (after != null) {
      parts.add("after " + range(after) + " " + measure.apply(after));
    }
    return String.join("   ", parts);
  }

  private String errorRate(Phase phase) {
    return phase.clients.requests() == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%%",
        phase.clients.errorRate() * 100);
  }

  private String latency(Phase phase) {
    return phase.clients.requests() == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f ms",
        phase.clients.meanLatencySeconds() * 1000);
  }

  private static String range(Phase phase) {
    return String.format(Locale.ROOT, "(%.1f-%.1f s)", phase.from.toMillis() / 1000.0, phase.to.toMillis() / 1000.0);
  }

  private String faultToEjectionText() {
    if (faultyPods == 0) {
      return "no fault";
    }
    String ejectedPods = faultToEjection.size() + " of " + faultyPods + " faulty pods taken out";
    if (faultToEjection.isEmpty()) {
      return ejectedPods;
    }
    Duration fastest = faultToEjection.get(0);
    Duration slowest = faultToEjection.get(faultToEjection.size() - 1);
    return seconds(fastest) + (fastest.equals(slowest) ? "" : " to " + seconds(slowest)) + " (" + ejectedPods + ")";
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
