package io.kubervisor.detectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubervisor.api.v1alpha1.Authorization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigSpec;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.ExternalDetector;
import io.kubervisor.api.v1alpha1.HttpEndpoint;
import io.kubervisor.api.v1alpha1.KeySelector;
import io.kubervisor.api.v1alpha1.ThresholdDetector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** When references are read: at configuration, on a change, and once per refresh period, never per evaluation. */
class DetectorCredentialsTest {

  private static final Duration REFRESH = Duration.ofSeconds(60);

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> reads = new ArrayList<>();
  private final AtomicReference<String> token = new AtomicReference<>("one");
  private final DetectorCredentials credentials = new DetectorCredentials((namespace, endpoint) -> {
    reads.add(namespace + "/" + endpoint.authorization.credentials.name);
    if (token.get() == null) {
      throw new CredentialsUnavailableException("authorization: key 'token' of Secret ns/s: not found");
    }
    return new Credentials("Bearer " + token.get(), null);
  }, REFRESH, new Clock() {
    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  });

  @Test
  void readOnConfigurationThenOnlyWhenDue() {
    BreakerConfig config = config(external("s"));
    credentials.refresh(config);
    assertThat(reads).containsExactly("ns/s");

    for (int tick = 0; tick < 10; tick++) {
      now.set(now.get().plusSeconds(5));
      assertThat(current(config).credentials().authorization()).isEqualTo("Bearer one");
    }
    assertThat(reads).hasSize(1);

    token.set("two"); // rotated
    now.set(now.get().plusSeconds(11));
    assertThat(current(config).credentials().authorization()).isEqualTo("Bearer two");
    assertThat(reads).hasSize(2);
  }

  @Test
  void aChangedReferenceIsReadAtOnce() {
    credentials.refresh(config(external("s")));
    credentials.refresh(config(external("other")));

    assertThat(reads).containsExactly("ns/s", "ns/other");
  }

  @Test
  void aFailureIsKeptAndReportedUntilARefreshSucceeds() {
    token.set(null);
    BreakerConfig config = config(external("s"));
    credentials.refresh(config);

    assertThatThrownBy(() -> current(config).credentials()).isInstanceOf(CredentialsUnavailableException.class)
        .hasMessageContaining("not found");
    assertThat(reads).hasSize(1);

    token.set("back");
    now.set(now.get().plus(REFRESH));
    credentials.refresh(config);
    assertThat(current(config).credentials()).isNotNull();
    assertThat(current(config).credentials().authorization()).isEqualTo("Bearer back");
  }

  @Test
  void endpointsWithoutReferencesReadNothing() {
    BreakerSpec breaker = new BreakerSpec();
    breaker.name = "plain";
    breaker.threshold = new ThresholdDetector();
    breaker.threshold.prometheusService = "http://prometheus:9090";
    credentials.refresh(config(breaker));

    assertThat(credentials.current("ns", "bc", "plain", breaker.threshold).credentials()).isNotNull();
    assertThat(reads).isEmpty();
  }

  private DetectorCredentials.Resolved current(BreakerConfig config) {
    HttpEndpoint endpoint = config.getSpec().breakers.get(0).external;
    return credentials.current("ns", "bc", "ext", endpoint);
  }

  private static BreakerSpec external(String secret) {
    BreakerSpec breaker = new BreakerSpec();
    breaker.name = "ext";
    breaker.external = new ExternalDetector();
    breaker.external.url = "https://detector:8443/anomalous";
    breaker.external.authorization = new Authorization();
    breaker.external.authorization.credentials = new KeySelector(secret, "token");
    return breaker;
  }

  private static BreakerConfig config(BreakerSpec breaker) {
    BreakerConfig config = new BreakerConfig();
    config.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("bc").build());
    config.setSpec(new BreakerConfigSpec());
    config.getSpec().breakers.add(breaker);
    return config;
  }
}
