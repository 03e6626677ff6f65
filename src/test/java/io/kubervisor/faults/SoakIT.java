package io.kubervisor.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.WithLocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The soak's 3-minute smoke on the run's control plane: churn of every kind, and not one breach. */
@Tag("soak")
@WithLocalCluster
class SoakIT {

  @Test
  void threeMinutesOfChurnBreachNoInvariant(LocalControlPlane plane) throws Exception {
    SoakReport report = Soak.run(plane, SoakOptions.smoke(), System.out);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String summary = printed.toString(StandardCharsets.UTF_8);
    System.out.print(summary);

    assertThat(report.passed()).as(summary).isTrue();
    assertThat(report.rollouts()).as("rollouts").isGreaterThanOrEqualTo(2);
    assertThat(report.podFaults()).as("pod faults").isGreaterThanOrEqualTo(2);
    assertThat(report.prometheusRestarts()).as("Prometheus restarts").isGreaterThanOrEqualTo(2);
    assertThat(report.detectorErrors()).as("detector calls failed while Prometheus was down").isPositive();
    assertThat(report.invariants().ejections()).as("ejections").isPositive();
    assertThat(report.invariants().restores()).as("restores").isPositive();
  }
}
