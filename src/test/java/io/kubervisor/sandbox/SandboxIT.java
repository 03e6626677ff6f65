package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sandbox's default scenario, headless, as deploy/sandbox/run.sh plays it, asserted on its summary. */
@WithLocalCluster
class SandboxIT {

  @Test
  void theDefaultScenarioEjectsTheBadPodsRestoresTheOneThatRecoveredAndKillsTheOther(LocalControlPlane plane,
      @TestNamespace("sandbox") String namespace) throws Exception {
    Scenario scenario = Scenario.load(Scenario.DEFAULT);
    Summary summary;
    try (Sandbox sandbox = Sandbox.start(plane.adminClient(), plane.kubeconfig(), namespace, scenario,
        message -> System.out.println("[sandbox] " + message));
        PlainView view = new PlainView(System.out)) {
      summary = sandbox.run(view);
    }
    summary.lines().forEach(System.out::println);

    assertThat(summary.faultToEjection()).as("both bad pods taken out soon after their fault").hasSize(2)
        .allSatisfy(delay -> assertThat(delay).isLessThan(Duration.ofSeconds(10)));
    assertThat(summary.before().clients().errorRate()).isZero();
    assertThat(summary.after().clients().errorRate()).as("client error rate once kubervisor acted").isLessThan(0.02)
        .isLessThan(summary.during().clients().errorRate());
    assertThat(summary.restored()).as("the recovered pod and the failing one retried").isGreaterThanOrEqualTo(2);
    assertThat(summary.killed()).as("the pod that kept failing").isEqualTo(1);
    assertThat(summary.fewestInTraffic()).isGreaterThanOrEqualTo(summary.floor());
  }
}
