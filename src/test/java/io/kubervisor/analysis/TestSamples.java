package io.kubervisor.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Builds samples and fleets for the rule tests. */
final class TestSamples {

  private TestSamples() {
  }

  /** A sample with labels given as name, value, name, value... */
  static Sample sample(double value, String... labels) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      map.put(labels[i], labels[i + 1]);
    }
    return new Sample(map, value);
  }

  static Sample pod(String pod, double value) {
    return sample(value, "pod", pod);
  }

  /** Pods p0, p1... */
  static Set<String> pods(int count) {
    return IntStream.range(0, count).mapToObj(i -> "p" + i).collect(Collectors.toSet());
  }
}
