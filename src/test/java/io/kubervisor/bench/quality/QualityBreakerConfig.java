package io.kubervisor.bench.quality;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.PrometheusQuery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/** The benchmark's one BreakerConfig (src/bench/quality-breakerconfig.yaml), pointed at a scenario's world. */
final class QualityBreakerConfig {

  static final Path FILE = Path.of("src/bench/quality-breakerconfig.yaml");
  /** The Service every scenario's pods are behind, as the BreakerConfig names it. */
  static final String SERVICE = "web";

  private QualityBreakerConfig() {}

  static BreakerConfig load(String namespace, String prometheusUrl) throws IOException {
    BreakerConfig config;
    try (InputStream in = Files.newInputStream(FILE)) {
      config = Serialization.unmarshal(in, BreakerConfig.class);
    }
    config.getMetadata().setNamespace(namespace);
    config.getSpec().breakers.forEach(breaker -> Stream.<PrometheusQuery>of(breaker.discreteValueOutOfList,
            breaker.continuousValueDeviation, breaker.outlier, breaker.threshold, breaker.trend)
        .filter(Objects::nonNull)
        .forEach(query -> query.prometheusService = prometheusUrl));
    return config;
  }
}
