package io.kubervisor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.WithLocalCluster;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runnable jar, as a user starts it: against a kubeconfig, waiting for BreakerConfigs, stopped by SIGTERM. */
@WithLocalCluster
class OperatorJarIT {

  @Test
  void startsWaitsForBreakerConfigsAndStopsCleanlyOnSigterm(LocalControlPlane plane) throws Exception {
    Crds.install(plane.adminClient());
    try (OperatorProcess operator = OperatorProcess.start(plane.kubeconfig(), Map.of())) {
      await("the operator waiting for BreakerConfigs").atMost(Duration.ofSeconds(60))
          .until(() -> operator.logged("Waiting for BreakerConfigs"));
      assertThat(operator.logged("supervising all namespaces")).isTrue();
      await("fully started").atMost(Duration.ofSeconds(30)).until(() -> operator.logged("(kubervisor) started"));

      int exit = operator.terminate();

      // 143 is the JVM's exit after SIGTERM once its shutdown hooks (Camel's graceful stop) have run.
      assertThat(exit).isIn(0, 143);
      await().atMost(Duration.ofSeconds(5)).until(() -> operator.logged("is shutdown"));
      assertThat(operator.log()).noneMatch(line -> line.contains(" ERROR "));
    }
  }
}
