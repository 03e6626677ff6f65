package io.kubervisor.sandbox;

import java.util.List;

/**
 * The pods a scenario step acts on: {@code all}, or indexes into the fleet's pods sorted by name when the scenario
 * started (replacements are never picked by index: they did not exist when the scenario was written).
 */
public record PodSelection(boolean all, List<Integer> indexes) {

  public static final PodSelection ALL = new PodSelection(true, List.of());

  public static PodSelection of(List<Integer> indexes) {
    return new PodSelection(false, List.copyOf(indexes));
  }

  /** The selected pods among {@code atStart} (for indexes) or {@code now} (for all). */
  public List<String> resolve(List<String> atStart, List<String> now) {
    if (all) {
      return now;
    }
    return indexes.stream().map(atStart::get).toList();
  }

  /** Checks the indexes against a fleet of {@code pods}. */
  void check(int pods) {
    indexes.stream().filter(i -> i < 0 || i >= pods).findFirst().ifPresent(i -> {
      throw new IllegalArgumentException("pod index " + i + " is outside the fleet of " + pods + " pods (0.."
          + (pods - 1) + ")");
    });
  }

  @Override
  public String toString() {
    return all ? "all pods" : "pod" + (indexes.size() == 1 ? " " : "s ") + indexes.stream().map(String::valueOf)
        .reduce((a, b) -> a + ", " + b).orElse("");
  }
}
