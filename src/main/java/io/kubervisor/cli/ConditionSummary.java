package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubervisor.api.v1alpha1.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A BreakerConfig's conditions in one cell: Ready always, the others only when they are not in their healthy state,
 * each with its reason, e.g. {@code Ready=True, FleetDegraded=True (FloorReached)}.
 */
public final class ConditionSummary {

  /** The healthy status of each condition type; a type missing here is shown whatever its status. */
  private static final Map<String, String> HEALTHY = Map.of(
      Conditions.SERVICE_FOUND, "True",
      Conditions.DETECTORS_HEALTHY, "True",
      Conditions.FLEET_DEGRADED, "False",
      Conditions.CONFLICT, "False");

  private ConditionSummary() {}

  public static String of(List<Condition> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      return "not reconciled yet";
    }
    List<String> shown = new ArrayList<>();
    for (Condition condition : notable(conditions)) {
      String reason = condition.getReason();
      String status = condition.getType() + "=" + condition.getStatus();
      shown.add(Conditions.READY.equals(condition.getType()) && "True".equals(condition.getStatus()) || reason == null
          ? status : status + " (" + reason + ")");
    }
    return String.join(", ", shown);
  }

  /** Ready first, then every condition that is not healthy. */
  public static List<Condition> notable(List<Condition> conditions) {
    List<Condition> notable = new ArrayList<>();
    conditions.stream().filter(c -> Conditions.READY.equals(c.getType())).forEach(notable::add);
    conditions.stream()
        .filter(c -> !Conditions.READY.equals(c.getType()))
        .filter(c -> !Objects.equals(c.getStatus(), HEALTHY.get(c.getType())))
        .forEach(notable::add);
    return notable;
  }
}
