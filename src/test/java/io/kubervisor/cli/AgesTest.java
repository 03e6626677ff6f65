package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgesTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void formatsAsKubectlShowsAges() {
    assertThat(Ages.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Ages.format(Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(Ages.format(Duration.ofMinutes(4))).isEqualTo("4m");
    assertThat(Ages.format(Duration.ofMinutes(125))).isEqualTo("2h5m");
    assertThat(Ages.format(Duration.ofHours(99))).isEqualTo("4d3h");
    assertThat(Ages.format(Duration.ofSeconds(-3))).isEqualTo("0s");
  }

  @Test
  void tellsATimeRelativeToNow() {
    assertThat(Ages.relative("2025-06-01T12:00:12Z", NOW)).isEqualTo("in 12s");
    assertThat(Ages.relative("2025-06-01T11:58:00Z", NOW)).isEqualTo("2m ago");
    assertThat(Ages.relative("soon", NOW)).isEqualTo("soon");
    assertThat(Ages.relative(null, NOW)).isNull();
  }
}
