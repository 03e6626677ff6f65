package io.kubervisor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.WithLocalCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runnable jar, as a user starts it: against a kubeconfig, waiting for BreakerConfigs, stopped by SIGTERM. */
@WithLocalCluster
class OperatorJarIT {

  static final Path JAR = Path.of("target/kubervisor.jar");

  @Test
  void startsWaitsForBreakerConfigsAndStopsCleanlyOnSigterm(LocalControlPlane plane) throws Exception {
    Crds.install(plane.adminClient());
    ProcessBuilder builder = new ProcessBuilder("java", "-jar", JAR.toString()).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", plane.kubeconfig().toString());
    builder.environment().remove("KUBERVISOR_NAMESPACE");
    Process operator = builder.start();
    List<String> log = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(operator.getInputStream(),
          StandardCharsets.UTF_8))) {
        lines.lines().forEach(log::add);
      } catch (Exception ignored) {
        // the process is gone
      }
    });
    reader.start();
    try {
      await("the operator waiting for BreakerConfigs").atMost(Duration.ofSeconds(60))
          .until(() -> log.stream().anyMatch(line -> line.contains("Waiting for BreakerConfigs")));
      assertThat(log).anyMatch(line -> line.contains("supervising all namespaces"));

      operator.destroy(); // SIGTERM
      assertThat(operator.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30s").isTrue();
      reader.join(5_000);
      // 143 is the JVM's exit after SIGTERM once its shutdown hooks (Camel's graceful stop) have run.
      assertThat(operator.exitValue()).isIn(0, 143);
      assertThat(log).anyMatch(line -> line.contains("is shutdown"));
      assertThat(log).noneMatch(line -> line.contains("ERROR"));
    } finally {
      operator.destroyForcibly();
    }
  }
}
