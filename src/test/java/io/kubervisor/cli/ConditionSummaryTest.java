package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionSummaryTest {

  @Test
  void showsReadyAndOnlyTheConditionsThatAreNotHealthy() {
    List<Condition> healthy = List.of(condition("Ready", "True", "Running"),
        condition("ServiceFound", "True", "ServiceExists"), condition("DetectorsHealthy", "True", "DetectorOK"),
        condition("FleetDegraded", "False", "FleetHealthy"), condition("Conflict", "False", "NoConflict"));
    List<Condition> degraded = List.of(condition("FleetDegraded", "True", "FloorReached"),
        condition("Ready", "False", "ServiceNotFound"), condition("DetectorsHealthy", "False", "NoData"));

    assertThat(ConditionSummary.of(healthy)).isEqualTo("Ready=True");
    assertThat(ConditionSummary.of(degraded))
        .isEqualTo("Ready=False (ServiceNotFound), FleetDegraded=True (FloorReached), DetectorsHealthy=False (NoData)");
    assertThat(ConditionSummary.of(List.of())).isEqualTo("not reconciled yet");
  }

  private static Condition condition(String type, String status, String reason) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).build();
  }
}
