package io.kubervisor.bench.quality;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the trace says, against which every policy's isolations are judged: which pods are at fault and when, when
 * each pod started, and the fault phase of the scenario.
 *
 * @param faults the pods at fault (their own fault, not a shared or an expected one), with their fault window
 * @param started when each pod started, by index
 * @param faultFrom the first step that is not "healthy": the end of the phase "before"
 * @param faultTo when every pod was healthy again (or the end): the start of the phase "after"
 */
record GroundTruth(Map<Integer, Window> faults, List<Duration> started, Duration faultFrom, Duration faultTo,
    Duration end) {

  /** From when to when a pod was at fault. */
  record Window(Duration from, Duration to) {
  }

  static GroundTruth of(QualityScenario scenario) {
    Map<Integer, Duration> openFaults = new LinkedHashMap<>();
    Map<Integer, Window> faults = new LinkedHashMap<>();
    List<Duration> started = new ArrayList<>();
    IntStream.range(0, scenario.pods()).forEach(index -> started.add(Duration.ZERO));
    Duration faultFrom = scenario.duration();
    Duration faultTo = scenario.duration();
    for (TraceStep step : scenario.steps()) {
      List<Integer> pods = indexes(step, started.size());
      if (step.starts()) {
        pods.forEach(index -> started.add(step.at()));
      }
      if (step.kind() == FaultKind.NONE) {
        faultTo = step.at();
      } else if (faultFrom.equals(scenario.duration())) {
        faultFrom = step.at();
      }
      for (int index : pods) {
        if (step.kind() == FaultKind.POD) {
          openFaults.putIfAbsent(index, step.at());
        } else if (openFaults.containsKey(index)) {
          faults.put(index, new Window(openFaults.remove(index), step.at()));
        }
      }
    }
    openFaults.forEach((index, from) -> faults.put(index, new Window(from, scenario.duration())));
    return new GroundTruth(Map.copyOf(faults), List.copyOf(started), faultFrom, faultTo, scenario.duration());
  }

  /** The pods of a step: its indexes, or every pod up so far. */
  static List<Integer> indexes(TraceStep step, int podsSoFar) {
    return step.pods().all() ? IntStream.range(0, podsSoFar).boxed().toList() : step.pods().indexes();
  }

  int pods() {
    return started.size();
  }

  boolean atFault(int index) {
    return faults.containsKey(index);
  }
}
