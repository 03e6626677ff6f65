package io.kubervisor.analysis;

import java.util.Map;
import java.util.Objects;

/** One series of a Prometheus result reduced to its labels and a single value (possibly NaN or infinite). */
public record Sample(Map<String, String> labels, double value) {

  public Sample {
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
  }

  /** The label's value, or null when the series does not carry it. */
  public String label(String name) {
    return labels.get(name);
  }
}
