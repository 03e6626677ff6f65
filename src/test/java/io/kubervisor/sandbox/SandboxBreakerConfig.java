package io.kubervisor.sandbox;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.analysis.Floor;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/** A scenario's BreakerConfig file, pointed at the sandbox: its namespace, its Prometheus, the scenario's mode. */
final class SandboxBreakerConfig {

  private SandboxBreakerConfig() {}

  /** @param mode null to keep the file's */
  static BreakerConfig load(Path file, String namespace, String prometheusUrl, Mode mode) throws IOException {
    BreakerConfig config;
    try (InputStream in = Files.newInputStream(file)) {
      config = Serialization.unmarshal(in, BreakerConfig.class);
    }
    if (config == null || config.getSpec() == null || !Sandbox.SERVICE.equals(config.getSpec().service)) {
      throw new IllegalArgumentException("BreakerConfig " + file + " must supervise the sandbox's Service:"
          + " spec.service: " + Sandbox.SERVICE);
    }
    config.getMetadata().setNamespace(namespace);
    if (mode != null) {
      config.getSpec().mode = mode;
    }
    config.getSpec().breakers.forEach(breaker ->
        Stream.of(breaker.discreteValueOutOfList, breaker.continuousValueDeviation, breaker.outlier)
            .filter(Objects::nonNull)
            .forEach(query -> query.prometheusService = prometheusUrl));
    return config;
  }

  /** The pods its breakers keep in traffic at least, for a fleet of {@code managed}. */
  static int floor(BreakerConfig config, int managed) {
    return config.getSpec().breakers.stream()
        .mapToInt(b -> Floor.floor(managed, b.minPodsAvailableCount, b.minPodsAvailableRatio))
        .max().orElse(0);
  }
}
