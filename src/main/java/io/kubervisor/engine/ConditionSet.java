package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a status' conditions from the previous ones, keeping a condition's lastTransitionTime while its status does
 * not change, as Kubernetes conventions ask.
 */
final class ConditionSet {

  private final List<Condition> previous;
  private final List<Condition> next = new ArrayList<>();
  private final Instant now;
  private final Long generation;

  ConditionSet(List<Condition> previous, Instant now, Long generation) {
    this.previous = previous == null ? List.of() : previous;
    this.now = now;
    this.generation = generation;
  }

  ConditionSet set(String type, boolean status, String reason, String message) {
    String statusText = status ? "True" : "False";
    String since = previous.stream()
        .filter(c -> type.equals(c.getType()) && statusText.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(now.toString());
    next.add(new ConditionBuilder()
        .withType(type)
        .withStatus(statusText)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(since)
        .withObservedGeneration(generation)
        .build());
    return this;
  }

  List<Condition> build() {
    return List.copyOf(next);
  }
}
