package io.kubervisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.analysis.BreakerThreshold;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.DiscreteValueOutOfList;
import io.kubervisor.api.v1alpha1.ExternalDetector;
import io.kubervisor.api.v1alpha1.ThresholdDetector;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

  @Test
  void oneLineOfKeyValuesQuotedWhereTheyHoldSpaces() {
    assertThat(DecisionLog.line("action", "break", "pod", "web-1", "breakerconfig", null, "value", "31.5",
        "threshold", "tolerancePercent=10", "reason", "31.5% of 40 answers were bad"))
        .isEqualTo("action=break pod=web-1 value=31.5 threshold=tolerancePercent=10"
            + " reason=\"31.5% of 40 answers were bad\"");
  }

  @Test
  void theThresholdIsTheBoundTheBreakerStates() {
    BreakerSpec discrete = new BreakerSpec();
    discrete.discreteValueOutOfList = new DiscreteValueOutOfList();
    discrete.discreteValueOutOfList.tolerancePercent = 10;
    assertThat(BreakerThreshold.of(discrete)).isEqualTo("tolerancePercent=10");

    BreakerSpec threshold = new BreakerSpec();
    threshold.threshold = new ThresholdDetector();
    threshold.threshold.above = 500.0;
    assertThat(BreakerThreshold.of(threshold)).isEqualTo("above=500");

    BreakerSpec external = new BreakerSpec();
    external.external = new ExternalDetector();
    assertThat(BreakerThreshold.of(external)).as("the external detector's bound is its own").isNull();
  }
}
