package io.kubervisor.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The series of a result grouped by managed pod; the others are only counted, so the caller can report them. */
final class PodSeries {

  private final Map<String, List<Sample>> byPod = new HashMap<>();
  private int outsideService;
  private int withoutPodLabel;

  PodSeries(List<Sample> samples, String podNameKey, Set<String> managedPods) {
    for (Sample sample : samples) {
      String pod = sample.label(podNameKey);
      if (pod == null) {
        withoutPodLabel++;
      } else if (!managedPods.contains(pod)) {
        outsideService++;
      } else {
        byPod.computeIfAbsent(pod, p -> new ArrayList<>()).add(sample);
      }
    }
  }

  List<Sample> of(String pod) {
    return byPod.getOrDefault(pod, List.of());
  }

  int outsideService() {
    return outsideService;
  }

  int withoutPodLabel() {
    return withoutPodLabel;
  }
}
