package io.kubervisor.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QualityOptionsTest {

  @Test
  void everyScenarioAndPolicyByDefault() {
    QualityOptions options = QualityOptions.parse();

    assertThat(options.scenarios()).hasSize(8);
    assertThat(options.policies()).containsExactly("none", "nginx", "haproxy", "envoy-outlier", "kubervisor");
  }

  @Test
  void policiesRunInTheirOwnOrderWhateverTheCommandLineSays() {
    QualityOptions options = QualityOptions.parse("--scenario", "slow-pod,warm-up", "--policies", "kubervisor,none");

    assertThat(options.scenarios()).extracting(QualityScenario::name).containsExactly("slow-pod", "warm-up");
    assertThat(options.policies()).containsExactly("none", "kubervisor");
  }

  @Test
  void anUnknownNameIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> QualityOptions.parse("--policies", "envoy"))
        .hasMessageContaining("none, nginx, haproxy, envoy-outlier, kubervisor");
    assertThatThrownBy(() -> QualityOptions.parse("--scenario", "nope")).hasMessageContaining("no scenario nope");
  }
}
