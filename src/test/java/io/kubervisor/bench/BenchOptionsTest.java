package io.kubervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsToASmallSetAndATwoMinuteWindow() {
    BenchOptions options = BenchOptions.parse();
    assertThat(options.sizes()).isEqualTo(BenchOptions.DEFAULT_SIZES);
    assertThat(options.window()).isEqualTo(Duration.ofSeconds(120));
    assertThat(options.settle()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.jar()).isEqualTo(Path.of("target/kubervisor.jar"));
    assertThat(options.pinned()).isFalse();
    assertThat(BenchOptions.parse("--pinned").pinned()).isTrue();
    assertThat(options.json().toString()).startsWith("target/bench/scale-").endsWith(".json");
  }

  @Test
  void runsTheSizesSmallestFirstOnce() {
    assertThat(BenchOptions.parse("10000", "1000", "2500", "1000").sizes()).isEqualTo(List.of(1000, 2500, 10000));
  }

  @Test
  void readsDurationsInSecondsOrMinutes() {
    assertThat(BenchOptions.parse("--window", "2m", "--settle", "5").window()).isEqualTo(Duration.ofMinutes(2));
    assertThat(BenchOptions.parse("--settle", "5s").settle()).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> BenchOptions.parse("--window", "0s")).hasMessageContaining("not a duration");
  }

  @Test
  void refusesSizesThatAreNotWholeServices() {
    assertThatThrownBy(() -> BenchOptions.parse("1010")).hasMessageContaining("not a multiple of 20");
    assertThatThrownBy(() -> BenchOptions.parse("--faults")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("unknown option --fast");
  }

  @Test
  void withFixedBreakerConfigsTheServicesGrowWithTheSize() {
    BenchOptions options = BenchOptions.parse("2500", "10000", "--breakerconfigs", "125");
    assertThat(FleetLayout.of(10000, options.servicesPerNamespace(), options.breakerConfigs()).podsPerService())
        .isEqualTo(80);
    assertThat(FleetLayout.of(10000, 10, null).breakerConfigs()).isEqualTo(500);
    assertThatThrownBy(() -> BenchOptions.parse("1000", "--breakerconfigs", "300"))
        .hasMessageContaining("multiple of --breakerconfigs 300");
  }
}
